;; cm32-check: --wit wit/basic.wit
;; A legacy module with imports and exports outside the target's names (env, preview1, helpers), which are listed but allowed.
(module
  (import "test:basic/host@1.2.3" "now" (func (result i64)))
  (import "env" "memcpy" (func (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (memory (export "memory") 1)
  (global (export "__heap_base") i32 (i32.const 4096))
  (func (export "run"))
  (func (export "main") (param i32 i32) (result i32) i32.const 0)
)
