;; cm32-check: --wit wit/basic.wit
;; Standard exports with wrong core types: a function with unspilled params, a post-return with two params, a three-param realloc and an initialize returning a value.
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|test:basic/api@1|wide") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|greet") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|greet_post") (param i32 i32))
  (func (export "cm32p2_realloc") (param i32 i32 i32) (result i32) unreachable)
  (func (export "cm32p2_initialize") (result i32) i32.const 0)
)
