;; cm32-check: --wit ../target/app-resources-wasi-0-2-0.wit
;; A module that uses a few functions of the world under the standard names, with memory and realloc.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  (import "cm32p2|my:app/api@1" "greet" (func (param i32 i32 i32)))
  (import "cm32p2" "log" (func (param i32 i32)))
  (import "env" "extra" (func))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  (func (export "cm32p2||run") (result i32) unreachable)
  (func (export "cm32p2||run_post") (param i32))
  (func (export "helper"))
)
