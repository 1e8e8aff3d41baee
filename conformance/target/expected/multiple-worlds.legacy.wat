(module
  ;; func cm32:multi/handler@1.0.0#handle
  (func (export "cm32:multi/handler@1.0.0#handle") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:multi/handler@1.0.0#handle
  (func (export "cabi_post_cm32:multi/handler@1.0.0#handle") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
