(module
  ;; func cm32:scalars/numbers@1.0.0#bools
  (import "cm32p2|cm32:scalars/numbers@1" "bools" (func (param i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#small-ints
  (import "cm32p2|cm32:scalars/numbers@1" "small-ints" (func (param i32 i32 i32 i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#words
  (import "cm32p2|cm32:scalars/numbers@1" "words" (func (param i32 i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#longs
  (import "cm32p2|cm32:scalars/numbers@1" "longs" (func (param i64 i64) (result i64)))
  ;; func cm32:scalars/numbers@1.0.0#floats
  (import "cm32p2|cm32:scalars/numbers@1" "floats" (func (param f32 f64) (result f32)))
  ;; func cm32:scalars/numbers@1.0.0#doubles
  (import "cm32p2|cm32:scalars/numbers@1" "doubles" (func (result f64)))
  ;; func cm32:scalars/numbers@1.0.0#chars
  (import "cm32p2|cm32:scalars/numbers@1" "chars" (func (param i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#nothing
  (import "cm32p2|cm32:scalars/numbers@1" "nothing" (func))
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
