;; cm32-check: --wit wit/basic.wit
;; A legacy module with no memory export that exports a function returning a list and imports one whose results come back through a return pointer.
(module
  (import "test:basic/host@1.2.3" "triple" (func (param i32)))
  (func (export "test:basic/api@1.2.3#bytes") (result i32) unreachable)
  (func (export "test:basic/api@1.2.3#add") (param i32 i32) (result i32) unreachable)
)
