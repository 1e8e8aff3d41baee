;; cm32-check: --wit wit/cli.wit
;; An incompatible version of an interface must not hide misspelt imports and exports of the same interface at a compatible version.
(module
  (import "wasi:cli/stdout@0.3.0" "get-stdout" (func (result i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdot" (func (result i32)))
  (import "wasi:cli/stderr@0.2.0" "get-stdrr" (func (result i32)))
  (func (export "test:cli/entry@1.0.0#run") (result i32) i32.const 0)
  (func (export "test:cli/entry@0.0.1#rnu") (result i32) i32.const 0)
)
