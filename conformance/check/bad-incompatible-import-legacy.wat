;; cm32-check: --wit wit/cli.wit
;; Legacy imports of WASI 0.3.0 and 0.1.0 against a world at 0.2.12 are off its semver track: one violation per module, however many functions it imports.
(module
  (import "wasi:cli/stdout@0.3.0" "get-stdout" (func (result i32)))
  (import "wasi:io/streams@0.3.0" "[resource-drop]output-stream" (func (param i32)))
  (import "wasi:io/streams@0.3.0" "[method]output-stream.blocking-flush" (func (param i32 i32)))
  (import "wasi:cli/stderr@0.1.0" "get-stderr" (func (result i32)))
  (import "wasi:cli/stdout@0.2.1" "get-stdout" (func (result i32)))
)
