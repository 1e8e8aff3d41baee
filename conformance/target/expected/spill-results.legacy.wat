(module
  ;; func cm32:spill/results@1.0.0#pair
  (import "cm32:spill/results@1.0.0" "pair" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#text
  (import "cm32:spill/results@1.0.0" "text" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#maybe-long
  (import "cm32:spill/results@1.0.0" "maybe-long" (func (param i32)))
  ;; func cm32:spill/results@1.0.0#single
  (import "cm32:spill/results@1.0.0" "single" (func (result i64)))
  ;; func cm32:spill/results@1.0.0#pair
  (func (export "cm32:spill/results@1.0.0#pair") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#pair
  (func (export "cabi_post_cm32:spill/results@1.0.0#pair") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#text
  (func (export "cm32:spill/results@1.0.0#text") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#text
  (func (export "cabi_post_cm32:spill/results@1.0.0#text") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#maybe-long
  (func (export "cm32:spill/results@1.0.0#maybe-long") (result i32) unreachable)
  ;; post-return cm32:spill/results@1.0.0#maybe-long
  (func (export "cabi_post_cm32:spill/results@1.0.0#maybe-long") (param i32) unreachable)
  ;; func cm32:spill/results@1.0.0#single
  (func (export "cm32:spill/results@1.0.0#single") (result i64) unreachable)
  ;; post-return cm32:spill/results@1.0.0#single
  (func (export "cabi_post_cm32:spill/results@1.0.0#single") (param i64) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
