;; cm32-check: --wit ../target/app-resources-wasi-0-2-0.wit
;; Standard names mixed with a legacy import, a near-miss name, a realloc with too few params and a post-return without its function.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdot" (func (result i32)))
  (import "wasi:cli/stdout@0.3.0" "get-stdout" (func (result i32)))
  (import "cm32p2|my:app/api@1" "greet" (func (param i32 i32)))
  (func (export "cm32p2|my:app/api@1|greet_post") (param i32))
  (func (export "cm32p2_realloc") (param i32 i32) (result i32) unreachable)
)
