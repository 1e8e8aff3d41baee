;; cm32-check: --embed wit/command.wit
;; Without --wit the world comes from the module's own component-type section (embedded by the harness from wit/command.wit, as wit-bindgen would).
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  (import "cm32p2|wasi:cli/exit@0.2" "exitt" (func (param i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i64) unreachable)
)
