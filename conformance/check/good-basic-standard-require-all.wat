;; cm32-check: --wit wit/basic.wit --require-all-exports
;; Under --require-all-exports a standard module that defines every exported WIT function (post-returns stay optional) conforms.
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  (func (export "cm32p2||run"))
  (func (export "cm32p2|test:basic/api@1|greet") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|greet_post") (param i32))
  (func (export "cm32p2|test:basic/api@1|add") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|bytes") (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|wide") (param i32) (result i32) unreachable)
)
