(module
  ;; resource-drop handle
  (import "$root" "[resource-drop]handle" (func (param i32)))
  ;; func open
  (import "$root" "open" (func (param i32 i32) (result i32)))
  ;; func [constructor]handle
  (import "$root" "[constructor]handle" (func (param i32) (result i32)))
  ;; func [method]handle.id
  (import "$root" "[method]handle.id" (func (param i32) (result i32)))
  ;; func [static]handle.clone
  (import "$root" "[static]handle.clone" (func (param i32) (result i32)))
  ;; func close-all
  (func (export "close-all") (param i32 i32) unreachable)
  ;; post-return close-all
  (func (export "cabi_post_close-all") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
