(module
  ;; func cm32:unversioned/plain#hello
  (import "cm32p2|cm32:unversioned/plain" "hello" (func (param i32)))
  ;; func cm32:unversioned/plain#hello
  (func (export "cm32p2|cm32:unversioned/plain|hello") (result i32) unreachable)
  ;; post-return cm32:unversioned/plain#hello
  (func (export "cm32p2|cm32:unversioned/plain|hello_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
