(module
  ;; func cm32:minor/api@0.1.2#call
  (import "cm32p2|cm32:minor/api@0.1" "call" (func (param i32) (result i32)))
  ;; func cm32:minor/api@0.1.2#call
  (func (export "cm32p2|cm32:minor/api@0.1|call") (param i32) (result i32) unreachable)
  ;; post-return cm32:minor/api@0.1.2#call
  (func (export "cm32p2|cm32:minor/api@0.1|call_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
