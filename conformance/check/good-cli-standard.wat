;; cm32-check: --wit wit/cli.wit
;; Standard names keep the whole version when the major and minor are 0 (`@0.0.1`) and cut WASI 0.2.12 to `@0.2`.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "output-stream_drop" (func (param i32)))
  (func (export "cm32p2|test:cli/entry@0.0.1|run") (result i32) i32.const 0)
  (func (export "cm32p2|test:cli/entry@0.0.1|run_post") (param i32))
)
