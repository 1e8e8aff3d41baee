;; cm32-check: --wit wit/basic.wit --require-all-exports
;; Under --require-all-exports a standard module that defines only `add` and `run` misses the other exported functions (post-returns are not required).
(module
  (func (export "cm32p2|test:basic/api@1|add") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2||run"))
)
