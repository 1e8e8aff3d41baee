;; cm32-check: --wit wit/basic.wit
;; Legacy exports with wrong core types: a u32 function as i64, its `cabi_post_` with two params, a two-param `cabi_realloc` and an `_initialize` taking a param.
(module
  (memory (export "memory") 1)
  (func (export "test:basic/api@1.2.3#add") (param i64 i64) (result i64) unreachable)
  (func (export "cabi_post_test:basic/api@1.2.3#add") (param i32 i32))
  (func (export "cabi_realloc") (param i32 i32) (result i32) unreachable)
  (func (export "_initialize") (param i32))
)
