;; cm32-check: --wit wit/basic.wit
;; A standard module that imports a few of the world's functions and exports one; memory is needed (a string parameter), realloc is not.
(module
  (import "cm32p2|test:basic/host@1" "log" (func (param i32 i32)))
  (import "cm32p2|test:basic/host@1" "now" (func (result i64)))
  (import "cm32p2" "ping" (func (result i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|test:basic/api@1|add") (param i32 i32) (result i32) local.get 0)
  (func (export "cm32p2|test:basic/api@1|add_post") (param i32))
)
