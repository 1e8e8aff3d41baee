(module
  ;; func transform
  (import "cm32p2" "transform" (func (param i32 i32)))
  ;; func transform-back
  (func (export "cm32p2||transform-back") (param i32) (result i32) unreachable)
  ;; post-return transform-back
  (func (export "cm32p2||transform-back_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
