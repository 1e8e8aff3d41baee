;; cm32-check: --wit wit/basic.wit
;; Misspelt legacy exports (function, interface, post-return) are unknown with a hint; far-away ones are unknown with none.
(module
  (memory (export "memory") 1)
  (func (export "test:basic/api@1.2.3#gret") (param i32 i32) (result i32) unreachable)
  (func (export "test:basic/apu@1.2.3#add") (param i32 i32) (result i32) unreachable)
  (func (export "cabi_post_test:basic/api@1.2.3#byte") (param i32))
  (func (export "test:basic/api@1.2.3#completely-different-and-long-name"))
  (func (export "wholly:unrelated/iface@3.1.4#something-else"))
)
