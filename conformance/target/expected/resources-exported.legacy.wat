(module
  ;; resource-drop cm32:counters/counter-api@1.0.0#counter
  (import "[export]cm32:counters/counter-api@1.0.0" "[resource-drop]counter" (func (param i32)))
  ;; resource-new cm32:counters/counter-api@1.0.0#counter
  (import "[export]cm32:counters/counter-api@1.0.0" "[resource-new]counter" (func (param i32) (result i32)))
  ;; resource-rep cm32:counters/counter-api@1.0.0#counter
  (import "[export]cm32:counters/counter-api@1.0.0" "[resource-rep]counter" (func (param i32) (result i32)))
  ;; func cm32:counters/counter-api@1.0.0#[constructor]counter
  (func (export "cm32:counters/counter-api@1.0.0#[constructor]counter") (param i64) (result i32) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[constructor]counter
  (func (export "cabi_post_cm32:counters/counter-api@1.0.0#[constructor]counter") (param i32) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[method]counter.increment
  (func (export "cm32:counters/counter-api@1.0.0#[method]counter.increment") (param i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[method]counter.increment
  (func (export "cabi_post_cm32:counters/counter-api@1.0.0#[method]counter.increment") (param i64) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[method]counter.get
  (func (export "cm32:counters/counter-api@1.0.0#[method]counter.get") (param i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[method]counter.get
  (func (export "cabi_post_cm32:counters/counter-api@1.0.0#[method]counter.get") (param i64) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[static]counter.merge
  (func (export "cm32:counters/counter-api@1.0.0#[static]counter.merge") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[static]counter.merge
  (func (export "cabi_post_cm32:counters/counter-api@1.0.0#[static]counter.merge") (param i32) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#total
  (func (export "cm32:counters/counter-api@1.0.0#total") (param i32 i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#total
  (func (export "cabi_post_cm32:counters/counter-api@1.0.0#total") (param i64) unreachable)
  ;; dtor cm32:counters/counter-api@1.0.0#counter
  (func (export "cm32:counters/counter-api@1.0.0#[dtor]counter") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
