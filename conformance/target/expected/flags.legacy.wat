(module
  ;; func cm32:flag-sets/permissions@1.0.0#small
  (import "cm32:flag-sets/permissions@1.0.0" "small" (func (param i32 i32) (result i32)))
  ;; func cm32:flag-sets/permissions@1.0.0#large
  (import "cm32:flag-sets/permissions@1.0.0" "large" (func (param i32) (result i32)))
  ;; func cm32:flag-sets/permissions@1.0.0#small
  (func (export "cm32:flag-sets/permissions@1.0.0#small") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:flag-sets/permissions@1.0.0#small
  (func (export "cabi_post_cm32:flag-sets/permissions@1.0.0#small") (param i32) unreachable)
  ;; func cm32:flag-sets/permissions@1.0.0#large
  (func (export "cm32:flag-sets/permissions@1.0.0#large") (param i32) (result i32) unreachable)
  ;; post-return cm32:flag-sets/permissions@1.0.0#large
  (func (export "cabi_post_cm32:flag-sets/permissions@1.0.0#large") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
