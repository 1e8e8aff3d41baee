(module
  ;; func cm32:variants/cases@1.0.0#classify
  (import "cm32:variants/cases@1.0.0" "classify" (func (param i32 i64) (result i32)))
  ;; func cm32:variants/cases@1.0.0#describe
  (import "cm32:variants/cases@1.0.0" "describe" (func (param i32 i32 i32 i32)))
  ;; func cm32:variants/cases@1.0.0#paint
  (import "cm32:variants/cases@1.0.0" "paint" (func (param i32 i32 i32 i32 i32)))
  ;; func cm32:variants/cases@1.0.0#classify
  (func (export "cm32:variants/cases@1.0.0#classify") (param i32 i64) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#classify
  (func (export "cabi_post_cm32:variants/cases@1.0.0#classify") (param i32) unreachable)
  ;; func cm32:variants/cases@1.0.0#describe
  (func (export "cm32:variants/cases@1.0.0#describe") (param i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#describe
  (func (export "cabi_post_cm32:variants/cases@1.0.0#describe") (param i32) unreachable)
  ;; func cm32:variants/cases@1.0.0#paint
  (func (export "cm32:variants/cases@1.0.0#paint") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:variants/cases@1.0.0#paint
  (func (export "cabi_post_cm32:variants/cases@1.0.0#paint") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
