(module
  ;; func cm32:spill/results@1.0.0#pair
  (import "cm32p2|cm32:spill/results@1" "pair" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#text
  (import "cm32p2|cm32:spill/results@1" "text" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#maybe-long
  (import "cm32p2|cm32:spill/results@1" "maybe-long" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#single
  (import "cm32p2|cm32:spill/results@1" "single" (func (result i64)))
  ;; func cm32:spill/results@1.0.0#pair
  (func (export "cm32p2|cm32:spill/results@1|pair") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#pair
  (func (export "cm32p2|cm32:spill/results@1|pair_post") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#text
  (func (export "cm32p2|cm32:spill/results@1|text") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#text
  (func (export "cm32p2|cm32:spill/results@1|text_post") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#maybe-long
  (func (export "cm32p2|cm32:spill/results@1|maybe-long") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#maybe-long
  (func (export "cm32p2|cm32:spill/results@1|maybe-long_post") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#single
  (func (export "cm32p2|cm32:spill/results@1|single") (result i64) unreachable)
  ;; post-return cm32:spill/results@1.0.0#single
  (func (export "cm32p2|cm32:spill/results@1|single_post") (param i64) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
