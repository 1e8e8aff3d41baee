;; Dropping the stdout stream twice: the second drop names a freed handle.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func $get-stdout (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "output-stream_drop" (func $drop (param i32)))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (local $out i32)
    (local.set $out (call $get-stdout))
    (call $drop (local.get $out))
    (call $drop (local.get $out))
    (i32.const 0))
)
