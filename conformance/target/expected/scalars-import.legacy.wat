(module
  ;; func cm32:scalars/numbers@1.0.0#bools
  (import "cm32:scalars/numbers@1.0.0" "bools" (func (param i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#small-ints
  (import "cm32:scalars/numbers@1.0.0" "small-ints" (func (param i32 i32 i32 i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#words
  (import "cm32:scalars/numbers@1.0.0" "words" (func (param i32 i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#longs
  (import "cm32:scalars/numbers@1.0.0" "longs" (func (param i64 i64) (result i64)))
  ;; func cm32:scalars/numbers@1.0.0#floats
  (import "cm32:scalars/numbers@1.0.0" "floats" (func (param f32 f64) (result f32)))
  ;; func cm32:scalars/numbers@1.0.0#doubles
  (import "cm32:scalars/numbers@1.0.0" "doubles" (func (result f64)))
  ;; func cm32:scalars/numbers@1.0.0#chars
  (import "cm32:scalars/numbers@1.0.0" "chars" (func (param i32) (result i32)))
  ;; func cm32:scalars/numbers@1.0.0#nothing
  (import "cm32:scalars/numbers@1.0.0" "nothing" (func))
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
