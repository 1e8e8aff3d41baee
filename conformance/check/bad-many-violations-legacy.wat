;; cm32-check: --wit wit/cli.wit --mangling legacy --require-all-exports
;; One legacy module with many faults: every one is reported, not just the first.
(module
  (import "wasi:cli/stdout@0.3.0" "get-stdout" (func (result i32)))
  (import "wasi:cli/stderr@0.2.12" "get-stderr" (func (result i64)))
  (import "wasi:io/streams@0.2.0" "[method]output-stream.write" (func (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.0" "[resource-drop]input-streem" (func (param i32)))
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") i64 1)
  (func (export "cabi_post_test:cli/entry@0.0.1#run") (param i32))
  (func (export "_initialize") (result i32) i32.const 0)
)
