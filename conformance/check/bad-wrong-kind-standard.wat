;; cm32-check: --wit wit/basic.wit
;; Standard names bound to the wrong kind of item: the memory exported as a function, imports that are a global and a memory, realloc exported as a global.
(module
  (import "cm32p2|test:basic/host@1" "now" (global i64))
  (import "cm32p2" "ping" (memory 1))
  (func (export "cm32p2_memory"))
  (global (export "cm32p2_realloc") i32 (i32.const 0))
)
