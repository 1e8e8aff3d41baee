;; cm32-check: --wit wit/cli.wit
;; A legacy module built against WASI 0.2.0 checked against a world at 0.2.12: older patch versions on the same track are accepted.
(module
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream" (func (param i32)))
  (import "wasi:cli/stderr@0.2.12" "get-stderr" (func (result i32)))
  (memory (export "memory") 1)
  (func (export "test:cli/entry@0.0.1#run") (result i32) i32.const 0)
)
