(module
  ;; func cm32:spill/wide@1.0.0#sixteen
  (import "cm32p2|cm32:spill/wide@1" "sixteen" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; func cm32:spill/wide@1.0.0#seventeen
  (import "cm32p2|cm32:spill/wide@1" "seventeen" (func (param i32)))
  ;; func cm32:spill/wide@1.0.0#strings
  (import "cm32p2|cm32:spill/wide@1" "strings" (func (param i32)))
  ;; func cm32:spill/wide@1.0.0#sixteen
  (func (export "cm32p2|cm32:spill/wide@1|sixteen") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#sixteen
  (func (export "cm32p2|cm32:spill/wide@1|sixteen_post") unreachable)
  ;; func cm32:spill/wide@1.0.0#seventeen
  (func (export "cm32p2|cm32:spill/wide@1|seventeen") (param i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#seventeen
  (func (export "cm32p2|cm32:spill/wide@1|seventeen_post") unreachable)
  ;; func cm32:spill/wide@1.0.0#strings
  (func (export "cm32p2|cm32:spill/wide@1|strings") (param i32) unreachable)
  ;; post-return cm32:spill/wide@1.0.0#strings
  (func (export "cm32p2|cm32:spill/wide@1|strings_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
