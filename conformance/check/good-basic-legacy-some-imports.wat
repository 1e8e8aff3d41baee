;; cm32-check: --wit wit/basic.wit
;; A legacy module (full versions, `$root`, `#`, `cabi_post_`) using some imports and exports, with the memory and realloc they need.
(module
  (import "test:basic/host@1.2.3" "log" (func (param i32 i32)))
  (import "test:basic/host@1.2.3" "hostname" (func (param i32)))
  (import "$root" "ping" (func (result i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  (func (export "test:basic/api@1.2.3#greet") (param i32 i32) (result i32) unreachable)
  (func (export "cabi_post_test:basic/api@1.2.3#greet") (param i32))
  (func (export "run"))
  (func (export "cabi_post_run"))
  (func (export "_initialize"))
)
