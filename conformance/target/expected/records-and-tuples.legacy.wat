(module
  ;; func cm32:records/shapes@2.1.0#origin
  (import "cm32:records/shapes@2.1.0" "origin" (func (param i32)))
  ;; func cm32:records/shapes@2.1.0#move-by
  (import "cm32:records/shapes@2.1.0" "move-by" (func (param f64 f64 f64 f64 i32)))
  ;; func cm32:records/shapes@2.1.0#greet
  (import "cm32:records/shapes@2.1.0" "greet" (func (param i32 i32 i32 i32 i32 i32 f64 f64 i32)))
  ;; func cm32:records/shapes@2.1.0#pair
  (import "cm32:records/shapes@2.1.0" "pair" (func (param i32 i64 i32)))
  ;; func cm32:records/shapes@2.1.0#origin
  (func (export "cm32:records/shapes@2.1.0#origin") (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#origin
  (func (export "cabi_post_cm32:records/shapes@2.1.0#origin") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#move-by
  (func (export "cm32:records/shapes@2.1.0#move-by") (param f64 f64 f64 f64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#move-by
  (func (export "cabi_post_cm32:records/shapes@2.1.0#move-by") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#greet
  (func (export "cm32:records/shapes@2.1.0#greet") (param i32 i32 i32 i32 i32 i32 f64 f64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#greet
  (func (export "cabi_post_cm32:records/shapes@2.1.0#greet") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#pair
  (func (export "cm32:records/shapes@2.1.0#pair") (param i32 i64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#pair
  (func (export "cabi_post_cm32:records/shapes@2.1.0#pair") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
