(module
  ;; func cm32:files/fs@1.0.0#[constructor]file
  (import "cm32:files/fs@1.0.0" "[constructor]file" (func (param i32 i32) (result i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.read
  (import "cm32:files/fs@1.0.0" "[method]file.read" (func (param i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.write
  (import "cm32:files/fs@1.0.0" "[method]file.write" (func (param i32 i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.size
  (import "cm32:files/fs@1.0.0" "[method]file.size" (func (param i32) (result i64)))
  ;; func cm32:files/fs@1.0.0#[static]file.open
  (import "cm32:files/fs@1.0.0" "[static]file.open" (func (param i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.copy-from
  (import "cm32:files/fs@1.0.0" "[method]file.copy-from" (func (param i32 i32)))
  ;; func cm32:files/fs@1.0.0#consume
  (import "cm32:files/fs@1.0.0" "consume" (func (param i32) (result i64)))
  ;; func cm32:files/fs@1.0.0#peek
  (import "cm32:files/fs@1.0.0" "peek" (func (param i32) (result i32)))
  ;; resource-drop cm32:files/fs@1.0.0#file
  (import "cm32:files/fs@1.0.0" "[resource-drop]file" (func (param i32)))
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
