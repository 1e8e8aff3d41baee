;; cm32-check: --wit wit/basic.wit
;; A standard module with memory but no realloc that exports a function taking a string and imports one returning a string.
(module
  (import "cm32p2|test:basic/host@1" "hostname" (func (param i32)))
  (import "cm32p2|test:basic/host@1" "log" (func (param i32 i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|test:basic/api@1|greet") (param i32 i32) (result i32) unreachable)
)
