;; cm32-check: --wit wit/basic.wit
;; A world at 1.2.3 against legacy names at 2.0.0 and 0.9.0, imports and exports (with its `cabi_post_`) alike: each module is reported once as incompatible, while an import at 1.0.0 is on the world's track.
(module
  (import "test:basic/host@2.0.0" "log" (func (param i32 i32)))
  (import "test:basic/host@0.9.0" "hostname" (func (param i32)))
  (import "test:basic/host@1.0.0" "now" (func (result i64)))
  (memory (export "memory") 1)
  (func (export "test:basic/api@2.0.0#add") (param i32 i32) (result i32) unreachable)
  (func (export "cabi_post_test:basic/api@2.0.0#add") (param i32))
)
