(module
  ;; func cm32:fixed/vectors@0.1.0#dot
  (import "cm32p2|cm32:fixed/vectors@0.1" "dot" (func (param f32 f32 f32 f32 f32 f32 f32 f32) (result f32)))
  ;; func cm32:fixed/vectors@0.1.0#rgb
  (import "cm32p2|cm32:fixed/vectors@0.1" "rgb" (func (param i32)))
  ;; func cm32:fixed/vectors@0.1.0#many
  (import "cm32p2|cm32:fixed/vectors@0.1" "many" (func (param i32)))
  ;; func cm32:fixed/vectors@0.1.0#names
  (import "cm32p2|cm32:fixed/vectors@0.1" "names" (func (param i32 i32 i32 i32) (result i64)))
  ;; func cm32:fixed/vectors@0.1.0#dot
  (func (export "cm32p2|cm32:fixed/vectors@0.1|dot") (param f32 f32 f32 f32 f32 f32 f32 f32) (result f32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#dot
  (func (export "cm32p2|cm32:fixed/vectors@0.1|dot_post") (param f32) unreachable)
  ;; func cm32:fixed/vectors@0.1.0#rgb
  (func (export "cm32p2|cm32:fixed/vectors@0.1|rgb") (result i32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#rgb
  (func (export "cm32p2|cm32:fixed/vectors@0.1|rgb_post") (param i32) unreachable)
  ;; func cm32:fixed/vectors@0.1.0#many
  (func (export "cm32p2|cm32:fixed/vectors@0.1|many") (param i32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#many
  (func (export "cm32p2|cm32:fixed/vectors@0.1|many_post") unreachable)
  ;; func cm32:fixed/vectors@0.1.0#names
  (func (export "cm32p2|cm32:fixed/vectors@0.1|names") (param i32 i32 i32 i32) (result i64) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#names
  (func (export "cm32p2|cm32:fixed/vectors@0.1|names_post") (param i64) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
