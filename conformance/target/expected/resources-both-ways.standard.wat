(module
  ;; func cm32:both/store@0.1.0#[constructor]blob
  (import "cm32p2|cm32:both/store@0.1" "[constructor]blob" (func (param i32 i32) (result i32)))
  ;; func cm32:both/store@0.1.0#[method]blob.bytes
  (import "cm32p2|cm32:both/store@0.1" "[method]blob.bytes" (func (param i32 i32)))
  ;; func cm32:both/store@0.1.0#concat
  (import "cm32p2|cm32:both/store@0.1" "concat" (func (param i32 i32) (result i32)))
  ;; func cm32:both/store@0.1.0#start
  (import "cm32p2|cm32:both/store@0.1" "start" (func (param i32) (result i32)))
  ;; resource-drop cm32:both/store@0.1.0#blob
  (import "cm32p2|cm32:both/store@0.1" "blob_drop" (func (param i32)))
  ;; resource-drop cm32:both/store@0.1.0#cursor
  (import "cm32p2|cm32:both/store@0.1" "cursor_drop" (func (param i32)))
  ;; resource-drop cm32:both/store@0.1.0#blob
  (import "cm32p2|_ex_cm32:both/store@0.1" "blob_drop" (func (param i32)))
  ;; resource-new cm32:both/store@0.1.0#blob
  (import "cm32p2|_ex_cm32:both/store@0.1" "blob_new" (func (param i32) (result i32)))
  ;; resource-rep cm32:both/store@0.1.0#blob
  (import "cm32p2|_ex_cm32:both/store@0.1" "blob_rep" (func (param i32) (result i32)))
  ;; resource-drop cm32:both/store@0.1.0#cursor
  (import "cm32p2|_ex_cm32:both/store@0.1" "cursor_drop" (func (param i32)))
  ;; resource-new cm32:both/store@0.1.0#cursor
  (import "cm32p2|_ex_cm32:both/store@0.1" "cursor_new" (func (param i32) (result i32)))
  ;; resource-rep cm32:both/store@0.1.0#cursor
  (import "cm32p2|_ex_cm32:both/store@0.1" "cursor_rep" (func (param i32) (result i32)))
  ;; func cm32:both/store@0.1.0#[constructor]blob
  (func (export "cm32p2|cm32:both/store@0.1|[constructor]blob") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#[constructor]blob
  (func (export "cm32p2|cm32:both/store@0.1|[constructor]blob_post") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#[method]blob.bytes
  (func (export "cm32p2|cm32:both/store@0.1|[method]blob.bytes") (param i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#[method]blob.bytes
  (func (export "cm32p2|cm32:both/store@0.1|[method]blob.bytes_post") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#concat
  (func (export "cm32p2|cm32:both/store@0.1|concat") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#concat
  (func (export "cm32p2|cm32:both/store@0.1|concat_post") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#start
  (func (export "cm32p2|cm32:both/store@0.1|start") (param i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#start
  (func (export "cm32p2|cm32:both/store@0.1|start_post") (param i32) unreachable)
  ;; dtor cm32:both/store@0.1.0#blob
  (func (export "cm32p2|cm32:both/store@0.1|blob_dtor") (param i32) unreachable)
  ;; dtor cm32:both/store@0.1.0#cursor
  (func (export "cm32p2|cm32:both/store@0.1|cursor_dtor") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
