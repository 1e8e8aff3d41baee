(module
  ;; func cm32:variants/cases@1.0.0#classify
  (import "cm32p2|cm32:variants/cases@1" "classify" (func (param i32 i64) (result i32)))
  ;; func cm32:variants/cases@1.0.0#describe
  (import "cm32p2|cm32:variants/cases@1" "describe" (func (param i32 i32 i32 i32)))
  ;; func cm32:variants/cases@1.0.0#paint
  (import "cm32p2|cm32:variants/cases@1" "paint" (func (param i32 i32 i32 i32 i32)))
  ;; func cm32:variants/cases@1.0.0#classify
  (func (export "cm32p2|cm32:variants/cases@1|classify") (param i32 i64) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#classify
  (func (export "cm32p2|cm32:variants/cases@1|classify_post") (param i32) unreachable)
  ;; func cm32:variants/cases@1.0.0#describe
  (func (export "cm32p2|cm32:variants/cases@1|describe") (param i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#describe
  (func (export "cm32p2|cm32:variants/cases@1|describe_post") (param i32) unreachable)
  ;; func cm32:variants/cases@1.0.0#paint
  (func (export "cm32p2|cm32:variants/cases@1|paint") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#paint
  (func (export "cm32p2|cm32:variants/cases@1|paint_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
