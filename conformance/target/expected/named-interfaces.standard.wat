(module
  ;; func host#connect
  (import "cm32p2|host" "connect" (func (param i32 i32) (result i32)))
  ;; resource-drop host#conn
  (import "cm32p2|host" "conn_drop" (func (param i32)))
  ;; func guest#handle
  (func (export "cm32p2|guest|handle") (param i32 i32) (result i32) unreachable)
  ;; post-return guest#handle
  (func (export "cm32p2|guest|handle_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
