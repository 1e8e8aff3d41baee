;; cm32-check: --wit wit/basic.wit
;; Under auto mangling one standard name makes the module standard, so each legacy-shaped import and export is a mixed-mangling violation.
(module
  (import "test:basic/host@1.2.3" "now" (func (result i64)))
  (import "$root" "ping" (func (result i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  (func (export "test:basic/api@1.2.3#add") (param i32 i32) (result i32) unreachable)
  (func (export "cabi_post_test:basic/api@1.2.3#add") (param i32))
)
