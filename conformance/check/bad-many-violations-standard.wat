;; cm32-check: --wit wit/basic.wit --require-all-exports
;; One standard module with many faults: every one is reported, not just the first.
(module
  (import "cm32p2|test:basic/host@1" "log" (func (param i32 i32)))
  (import "cm32p2|test:basic/host@1" "hostnam" (func (param i32)))
  (import "cm32p2|test:basic/host@1" "now" (func (result i32)))
  (import "cm32p2|test:basic/host@1" "hostname" (func (param i32)))
  (import "test:basic/host@1.2.3" "triple" (func (param i32)))
  (import "cm32p2" "ping" (global i32))
  (import "env" "extra" (func))
  (func (export "cm32p2|test:basic/api@1|greet") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2|test:basic/api@1|bytes_post") (param i32))
  (func (export "cm32p2|test:basic/api@1|wide") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2_initialize") (param i32))
  (func (export "cm32p2_stack_pointer"))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
)
