;; cm32-check: --wit wit/basic.wit
;; A legacy module with memory but no `cabi_realloc` that exports a function with spilled params; the list-returning export needs no realloc.
(module
  (memory (export "memory") 1)
  (func (export "test:basic/api@1.2.3#wide") (param i32) (result i32) unreachable)
  (func (export "test:basic/api@1.2.3#bytes") (result i32) unreachable)
)
