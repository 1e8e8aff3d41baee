;; wasi:cli/exit#exit-with-code (since 0.2.12) sets the process's exit status.
(module
  (import "cm32p2|wasi:cli/exit@0.2" "exit-with-code" (func $exit (param i32)))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (call $exit (i32.const 7))
    unreachable)
)
