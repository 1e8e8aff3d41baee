(module
  ;; func cm32:spill/wide@1.0.0#sixteen
  (import "cm32:spill/wide@1.0.0" "sixteen" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func cm32:spill/wide@1.0.0#seventeen
  (import "cm32:spill/wide@1.0.0" "seventeen" (func (param i32)))
  ;; func cm32:spill/wide@1.0.0#strings
  (import "cm32:spill/wide@1.0.0" "strings" (func (param i32)))
  ;; func cm32:spill/wide@1.0.0#sixteen
  (func (export "cm32:spill/wide@1.0.0#sixteen") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#sixteen
  (func (export "cabi_post_cm32:spill/wide@1.0.0#sixteen") unreachable)
  ;; func cm32:spill/wide@1.0.0#seventeen
  (func (export "cm32:spill/wide@1.0.0#seventeen") (param i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#seventeen
  (func (export "cabi_post_cm32:spill/wide@1.0.0#seventeen") unreachable)
  ;; func cm32:spill/wide@1.0.0#strings
  (func (export "cm32:spill/wide@1.0.0#strings") (param i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#strings
  (func (export "cabi_post_cm32:spill/wide@1.0.0#strings") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
