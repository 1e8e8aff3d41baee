;; Imports wasi:sockets, which cm32 does not provide yet: a link error before anything runs.
(module
  (import "wasi:sockets/instance-network@0.2.0" "instance-network" (func (result i32)))
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "wasi:cli/run@0.2.0#run") (result i32) (i32.const 0))
)
