(module
  ;; func cm32:files/fs@1.0.0#[constructor]file
  (import "cm32p2|cm32:files/fs@1" "[constructor]file" (func (param i32 i32) (result i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.read
  (import "cm32p2|cm32:files/fs@1" "[method]file.read" (func (param i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.write
  (import "cm32p2|cm32:files/fs@1" "[method]file.write" (func (param i32 i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.size
  (import "cm32p2|cm32:files/fs@1" "[method]file.size" (func (param i32) (result i64)))
  ;; func cm32:files/fs@1.0.0#[static]file.open
  (import "cm32p2|cm32:files/fs@1" "[static]file.open" (func (param i32 i32 i32)))
  ;; func cm32:files/fs@1.0.0#[method]file.copy-from
  (import "cm32p2|cm32:files/fs@1" "[method]file.copy-from" (func (param i32 i32)))
  ;; func cm32:files/fs@1.0.0#consume
  (import "cm32p2|cm32:files/fs@1" "consume" (func (param i32) (result i64)))
  ;; func cm32:files/fs@1.0.0#peek
  (import "cm32p2|cm32:files/fs@1" "peek" (func (param i32) (result i32)))
  ;; resource-drop cm32:files/fs@1.0.0#file
  (import "cm32p2|cm32:files/fs@1" "file_drop" (func (param i32)))
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
