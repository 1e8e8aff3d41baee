;; cm32-check: --wit wit/basic.wit
;; A standard module with no memory export that imports a function with a string param and one with 17 (spilled) params.
(module
  (import "cm32p2|test:basic/host@1" "log" (func (param i32 i32)))
  (import "cm32p2|test:basic/host@1" "many" (func (param i32)))
  (import "cm32p2|test:basic/host@1" "now" (func (result i64)))
)
