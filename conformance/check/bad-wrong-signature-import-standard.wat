;; cm32-check: --wit wit/basic.wit
;; Standard imports with the right names but the wrong core types: a string as one i32, a u64 as i32, and 17 flat params where the ABI spills them to one pointer.
(module
  (import "cm32p2|test:basic/host@1" "log" (func (param i32)))
  (import "cm32p2|test:basic/host@1" "now" (func (result i32)))
  (import "cm32p2|test:basic/host@1" "many" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "cm32p2" "ping" (func (result i32)))
  (memory (export "cm32p2_memory") 1)
)
