;; cm32-check: --wit wit/basic.wit
;; Legacy names bound to the wrong kind of item: a 64-bit memory, an import that is a table, an export that is a table and an `_initialize` that is a global.
(module
  (import "test:basic/host@1.2.3" "log" (table 1 funcref))
  (memory (export "memory") i64 1)
  (table (export "test:basic/api@1.2.3#add") 1 funcref)
  (global (export "_initialize") i32 (i32.const 0))
)
