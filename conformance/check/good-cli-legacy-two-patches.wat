;; cm32-check: --wit wit/cli.wit
;; A legacy module importing one interface under two patch versions at once (0.2.0 and 0.2.3, as two linked libraries might), both on the world's 0.2 track.
(module
  (import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
  (import "wasi:cli/stdout@0.2.3" "get-stdout" (func (result i32)))
  (import "wasi:io/streams@0.2.1" "[resource-drop]output-stream" (func (param i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func (param i32)))
)
