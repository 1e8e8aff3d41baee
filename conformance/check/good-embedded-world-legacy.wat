;; cm32-check: --mangling legacy --embed wit/command.wit
;; Without --wit the world comes from the module's own component-type section (embedded by the harness from wit/command.wit, as wit-bindgen would).
(module
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  (import "wasi:cli/exit@0.2.12" "exit" (func (param i32)))
  (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "wasi:cli/run@0.2.12#run") (result i32) i32.const 0)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
)
