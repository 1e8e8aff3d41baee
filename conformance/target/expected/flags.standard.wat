(module
  ;; func cm32:flag-sets/permissions@1.0.0#small
  (import "cm32p2|cm32:flag-sets/permissions@1" "small" (func (param i32 i32) (result i32)))
  ;; func cm32:flag-sets/permissions@1.0.0#large
  (import "cm32p2|cm32:flag-sets/permissions@1" "large" (func (param i32) (result i32)))
  ;; func cm32:flag-sets/permissions@1.0.0#small
  (func (export "cm32p2|cm32:flag-sets/permissions@1|small") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:flag-sets/permissions@1.0.0#small
  (func (export "cm32p2|cm32:flag-sets/permissions@1|small_post") (param i32) unreachable)
  ;; func cm32:flag-sets/permissions@1.0.0#large
  (func (export "cm32p2|cm32:flag-sets/permissions@1|large") (param i32) (result i32) unreachable)
  ;; post-return cm32:flag-sets/permissions@1.0.0#large
  (func (export "cm32p2|cm32:flag-sets/permissions@1|large_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
