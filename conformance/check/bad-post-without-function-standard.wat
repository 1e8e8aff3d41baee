;; cm32-check: --wit wit/basic.wit
;; Standard post-returns exported without their functions (interface-level and world-level); `add_post` beside `add` is fine.
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|test:basic/api@1|greet_post") (param i32))
  (func (export "cm32p2||run_post"))
  (func (export "cm32p2|test:basic/api@1|add") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|add_post") (param i32))
)
