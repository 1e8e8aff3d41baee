;; The core start function calls an import that needs memory: a start-needs-memory trap.
(module
  (import "cm32p2|wasi:cli/environment@0.2" "get-arguments" (func $args (param i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func $start (call $args (i32.const 0)))
  (start $start)
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32) (i32.const 0))
)
