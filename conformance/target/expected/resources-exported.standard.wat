(module
  ;; resource-drop cm32:counters/counter-api@1.0.0#counter
  (import "cm32p2|_ex_cm32:counters/counter-api@1" "counter_drop" (func (param i32)))
  ;; resource-new cm32:counters/counter-api@1.0.0#counter
  (import "cm32p2|_ex_cm32:counters/counter-api@1" "counter_new" (func (param i32) (result i32)))
  ;; resource-rep cm32:counters/counter-api@1.0.0#counter
  (import "cm32p2|_ex_cm32:counters/counter-api@1" "counter_rep" (func (param i32) (result i32)))
  ;; func cm32:counters/counter-api@1.0.0#[constructor]counter
  (func (export "cm32p2|cm32:counters/counter-api@1|[constructor]counter") (param i64) (result i32) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[constructor]counter
  (func (export "cm32p2|cm32:counters/counter-api@1|[constructor]counter_post") (param i32) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[method]counter.increment
  (func (export "cm32p2|cm32:counters/counter-api@1|[method]counter.increment") (param i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[method]counter.increment
  (func (export "cm32p2|cm32:counters/counter-api@1|[method]counter.increment_post") (param i64) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[method]counter.get
  (func (export "cm32p2|cm32:counters/counter-api@1|[method]counter.get") (param i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[method]counter.get
  (func (export "cm32p2|cm32:counters/counter-api@1|[method]counter.get_post") (param i64) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#[static]counter.merge
  (func (export "cm32p2|cm32:counters/counter-api@1|[static]counter.merge") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#[static]counter.merge
  (func (export "cm32p2|cm32:counters/counter-api@1|[static]counter.merge_post") (param i32) unreachable)
  ;; func cm32:counters/counter-api@1.0.0#total
  (func (export "cm32p2|cm32:counters/counter-api@1|total") (param i32 i32) (result i64) unreachable)
  ;; post-return cm32:counters/counter-api@1.0.0#total
  (func (export "cm32p2|cm32:counters/counter-api@1|total_post") (param i64) unreachable)
  ;; dtor cm32:counters/counter-api@1.0.0#counter
  (func (export "cm32p2|cm32:counters/counter-api@1|counter_dtor") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
