(module
  ;; func cm32:both/store@0.1.0#[constructor]blob
  (import "cm32:both/store@0.1.0" "[constructor]blob" (func (param i32 i32) (result i32)))
  ;; func cm32:both/store@0.1.0#[method]blob.bytes
  (import "cm32:both/store@0.1.0" "[method]blob.bytes" (func (param i32 i32)))
  ;; func cm32:both/store@0.1.0#concat
  (import "cm32:both/store@0.1.0" "concat" (func (param i32 i32) (result i32)))
  ;; func cm32:both/store@0.1.0#start
  (import "cm32:both/store@0.1.0" "start" (func (param i32) (result i32)))
  ;; resource-drop cm32:both/store@0.1.0#blob
  (import "cm32:both/store@0.1.0" "[resource-drop]blob" (func (param i32)))
  ;; resource-drop cm32:both/store@0.1.0#cursor
  (import "cm32:both/store@0.1.0" "[resource-drop]cursor" (func (param i32)))
  ;; resource-drop cm32:both/store@0.1.0#blob
  (import "[export]cm32:both/store@0.1.0" "[resource-drop]blob" (func (param i32)))
  ;; resource-new cm32:both/store@0.1.0#blob
  (import "[export]cm32:both/store@0.1.0" "[resource-new]blob" (func (param i32) (result i32)))
  ;; resource-rep cm32:both/store@0.1.0#blob
  (import "[export]cm32:both/store@0.1.0" "[resource-rep]blob" (func (param i32) (result i32)))
  ;; resource-drop cm32:both/store@0.1.0#cursor
  (import "[export]cm32:both/store@0.1.0" "[resource-drop]cursor" (func (param i32)))
  ;; resource-new cm32:both/store@0.1.0#cursor
  (import "[export]cm32:both/store@0.1.0" "[resource-new]cursor" (func (param i32) (result i32)))
  ;; resource-rep cm32:both/store@0.1.0#cursor
  (import "[export]cm32:both/store@0.1.0" "[resource-rep]cursor" (func (param i32) (result i32)))
  ;; func cm32:both/store@0.1.0#[constructor]blob
  (func (export "cm32:both/store@0.1.0#[constructor]blob") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#[constructor]blob
  (func (export "cabi_post_cm32:both/store@0.1.0#[constructor]blob") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#[method]blob.bytes
  (func (export "cm32:both/store@0.1.0#[method]blob.bytes") (param i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#[method]blob.bytes
  (func (export "cabi_post_cm32:both/store@0.1.0#[method]blob.bytes") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#concat
  (func (export "cm32:both/store@0.1.0#concat") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#concat
  (func (export "cabi_post_cm32:both/store@0.1.0#concat") (param i32) unreachable)
  ;; func cm32:both/store@0.1.0#start
  (func (export "cm32:both/store@0.1.0#start") (param i32) (result i32) unreachable)
  ;; post-return cm32:both/store@0.1.0#start
  (func (export "cabi_post_cm32:both/store@0.1.0#start") (param i32) unreachable)
  ;; dtor cm32:both/store@0.1.0#blob
  (func (export "cm32:both/store@0.1.0#[dtor]blob") (param i32) unreachable)
  ;; dtor cm32:both/store@0.1.0#cursor
  (func (export "cm32:both/store@0.1.0#[dtor]cursor") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
