(module
  ;; func cm32:multi/handler@1.0.0#handle
  (func (export "cm32p2|cm32:multi/handler@1|handle") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:multi/handler@1.0.0#handle
  (func (export "cm32p2|cm32:multi/handler@1|handle_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
