;; cm32-check: --wit wit/cli.wit --mangling standard
;; With --mangling standard, legacy-shaped names are mixed-mangling, and the unshaped legacy `memory` is merely outside the standard target.
(module
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func (result i32)))
  (memory (export "memory") 1)
  (func (export "test:cli/entry@0.0.1#run") (result i32) i32.const 0)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
)
