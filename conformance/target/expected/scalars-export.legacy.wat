(module
  ;; func cm32:scalars/numbers@1.0.0#bools
  (func (export "cm32:scalars/numbers@1.0.0#bools") (param i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#bools
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#bools") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#small-ints
  (func (export "cm32:scalars/numbers@1.0.0#small-ints") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#small-ints
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#small-ints") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#words
  (func (export "cm32:scalars/numbers@1.0.0#words") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#words
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#words") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#longs
  (func (export "cm32:scalars/numbers@1.0.0#longs") (param i64 i64) (result i64) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#longs
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#longs") (param i64) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#floats
  (func (export "cm32:scalars/numbers@1.0.0#floats") (param f32 f64) (result f64) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#floats
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#floats") (param f64) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#chars
  (func (export "cm32:scalars/numbers@1.0.0#chars") (param i32) (result i32) unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#chars
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#chars") (param i32) unreachable)
  ;; func cm32:scalars/numbers@1.0.0#nothing
  (func (export "cm32:scalars/numbers@1.0.0#nothing") unreachable)
  ;; post-return cm32:scalars/numbers@1.0.0#nothing
  (func (export "cabi_post_cm32:scalars/numbers@1.0.0#nothing") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
