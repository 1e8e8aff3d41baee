(module
  ;; func cm32:scalars/numbers@1.0.0#bools
  (func (export "cm32p2|cm32:scalars/numbers@1|bools") (param i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#bools
  (func (export "cm32p2|cm32:scalars/numbers@1|bools_post") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#small-ints
  (func (export "cm32p2|cm32:scalars/numbers@1|small-ints") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#small-ints
  (func (export "cm32p2|cm32:scalars/numbers@1|small-ints_post") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#words
  (func (export "cm32p2|cm32:scalars/numbers@1|words") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#words
  (func (export "cm32p2|cm32:scalars/numbers@1|words_post") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#longs
  (func (export "cm32p2|cm32:scalars/numbers@1|longs") (param i64 i64) (result i64) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#longs
  (func (export "cm32p2|cm32:scalars/numbers@1|longs_post") (param i64) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#floats
  (func (export "cm32p2|cm32:scalars/numbers@1|floats") (param f32 f64) (result f64) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#floats
  (func (export "cm32p2|cm32:scalars/numbers@1|floats_post") (param f64) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#chars
  (func (export "cm32p2|cm32:scalars/numbers@1|chars") (param i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#chars
  (func (export "cm32p2|cm32:scalars/numbers@1|chars_post") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#nothing
  (func (export "cm32p2|cm32:scalars/numbers@1|nothing") unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#nothing
  (func (export "cm32p2|cm32:scalars/numbers@1|nothing_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
