;; cm32-check: --wit wit/basic.wit
;; Misspelt standard imports (function, interface, world-level, and a full version where the standard name wants `@1`) are unknown, each with the nearest valid import as a hint.
(module
  (import "cm32p2|test:basic/host@1" "lgo" (func (param i32 i32)))
  (import "cm32p2|test:basic/hots@1" "now" (func (result i64)))
  (import "cm32p2" "pong" (func (result i32)))
  (import "cm32p2|test:basic/host@1.2.3" "now" (func (result i64)))
  (memory (export "cm32p2_memory") 1)
)
