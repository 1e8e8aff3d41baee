(module
  ;; func cm32:world-fns/logging@0.2.0#log
  (import "cm32:world-fns/logging@0.2.0" "log" (func (param i32 i32)))
  ;; func now
  (import "$root" "now" (func (result i64)))
  ;; func random-bytes
  (import "$root" "random-bytes" (func (param i32 i32)))
  ;; func run
  (func (export "run") (param i32 i32) (result i32) unreachable)
  ;; post-return run
  (func (export "cabi_post_run") (param i32) unreachable)
  ;; func version
  (func (export "version") (result i32) unreachable)
  ;; post-return version
  (func (export "cabi_post_version") (param i32) unreachable)
  ;; func ping
  (func (export "ping") unreachable)
  ;; post-return ping
  (func (export "cabi_post_ping") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
