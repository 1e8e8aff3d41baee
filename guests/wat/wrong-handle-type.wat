;; An output-stream handle passed where an input-stream is expected.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func $get-stdout (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "input-stream_drop" (func $drop-input (param i32)))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (call $drop-input (call $get-stdout))
    (i32.const 0))
)
