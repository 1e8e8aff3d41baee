(module
  ;; func cm32:world-fns/logging@0.2.0#log
  (import "cm32p2|cm32:world-fns/logging@0.2" "log" (func (param i32 i32)))
  ;; func now
  (import "cm32p2" "now" (func (result i64)))
  ;; func random-bytes
  (import "cm32p2" "random-bytes" (func (param i32 i32)))
  ;; func run
  (func (export "cm32p2||run") (param i32 i32) (result i32) unreachable)
  ;; post-return run
  (func (export "cm32p2||run_post") (param i32) unreachable)
  ;; func version
  (func (export "cm32p2||version") (result i32) unreachable)
  ;; post-return version
  (func (export "cm32p2||version_post") (param i32) unreachable)
  ;; func ping
  (func (export "cm32p2||ping") unreachable)
  ;; post-return ping
  (func (export "cm32p2||ping_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
