(module
  ;; func cm32:records/shapes@2.1.0#origin
  (import "cm32p2|cm32:records/shapes@2" "origin" (func (param i32)))
  ;; func cm32:records/shapes@2.1.0#move-by
  (import "cm32p2|cm32:records/shapes@2" "move-by" (func (param f64 f64 f64 f64 i32)))
  ;; func cm32:records/shapes@2.1.0#greet
  (import "cm32p2|cm32:records/shapes@2" "greet" (func (param i32 i32 i32 i32 i32 i32 f64 f64 i32)))
  ;; func cm32:records/shapes@2.1.0#pair
  (import "cm32p2|cm32:records/shapes@2" "pair" (func (param i32 i64 i32)))
  ;; func cm32:records/shapes@2.1.0#origin
  (func (export "cm32p2|cm32:records/shapes@2|origin") (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#origin
  (func (export "cm32p2|cm32:records/shapes@2|origin_post") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#move-by
  (func (export "cm32p2|cm32:records/shapes@2|move-by") (param f64 f64 f64 f64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#move-by
  (func (export "cm32p2|cm32:records/shapes@2|move-by_post") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#greet
  (func (export "cm32p2|cm32:records/shapes@2|greet") (param i32 i32 i32 i32 i32 i32 f64 f64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#greet
  (func (export "cm32p2|cm32:records/shapes@2|greet_post") (param i32) unreachable)
  ;; func cm32:records/shapes@2.1.0#pair
  (func (export "cm32p2|cm32:records/shapes@2|pair") (param i32 i64) (result i32) unreachable)
  ;; post-return cm32:records/shapes@2.1.0#pair
  (func (export "cm32p2|cm32:records/shapes@2|pair_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
