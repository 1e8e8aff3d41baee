(module
  ;; func cm32:patch/api@0.0.1#call
  (import "cm32:patch/api@0.0.1" "call" (func (param i32) (result i32)))
  ;; func cm32:patch/api@0.0.1#call
  (func (export "cm32:patch/api@0.0.1#call") (param i32) (result i32) unreachable)
  ;; post-return cm32:patch/api@0.0.1#call
  (func (export "cabi_post_cm32:patch/api@0.0.1#call") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
