(module
  ;; func host#connect
  (import "host" "connect" (func (param i32 i32) (result i32)))
  ;; resource-drop host#conn
  (import "host" "[resource-drop]conn" (func (param i32)))
  ;; func guest#handle
  (func (export "guest#handle") (param i32 i32) (result i32) unreachable)
  ;; post-return guest#handle
  (func (export "cabi_post_guest#handle") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
