(module
  ;; func cm32:unversioned/plain#hello
  (import "cm32:unversioned/plain" "hello" (func (param i32)))
  ;; func cm32:unversioned/plain#hello
  (func (export "cm32:unversioned/plain#hello") (result i32) unreachable)
  ;; post-return cm32:unversioned/plain#hello
  (func (export "cabi_post_cm32:unversioned/plain#hello") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
