(module
  ;; resource-drop handle
  (import "cm32p2" "handle_drop" (func (param i32)))
  ;; func open
  (import "cm32p2" "open" (func (param i32 i32) (result i32)))
  ;; func [constructor]handle
  (import "cm32p2" "[constructor]handle" (func (param i32) (result i32)))
  ;; func [method]handle.id
  (import "cm32p2" "[method]handle.id" (func (param i32) (result i32)))
  ;; func [static]handle.clone
  (import "cm32p2" "[static]handle.clone" (func (param i32) (result i32)))
  ;; func close-all
  (func (export "cm32p2||close-all") (param i32 i32) unreachable)
  ;; post-return close-all
  (func (export "cm32p2||close-all_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
