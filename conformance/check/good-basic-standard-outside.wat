;; cm32-check: --wit wit/basic.wit
;; A standard module with imports and exports outside the cm32p2 names, which are listed as not part of the target but are no violation.
(module
  (import "cm32p2|test:basic/host@1" "now" (func (result i64)))
  (import "env" "abort" (func (param i32 i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "env" "__stack_pointer" (global (mut i32)))
  (memory (export "cm32p2_memory") 1)
  (table (export "__indirect_function_table") 1 funcref)
  (global (export "__data_end") i32 (i32.const 1024))
  (func (export "helper"))
  (func (export "cm32p2||run"))
)
