(module
  ;; func cm32:fixed/vectors@0.1.0#dot
  (import "cm32:fixed/vectors@0.1.0" "dot" (func (param f32 f32 f32 f32 f32 f32 f32 f32) (result f32)))
  ;; func cm32:fixed/vectors@0.1.0#rgb
  (import "cm32:fixed/vectors@0.1.0" "rgb" (func (param i32)))
  ;; func cm32:fixed/vectors@0.1.0#many
  (import "cm32:fixed/vectors@0.1.0" "many" (func (param i32)))
  ;; func cm32:fixed/vectors@0.1.0#names
  (import "cm32:fixed/vectors@0.1.0" "names" (func (param i32 i32 i32 i32) (result i64)))
  ;; func cm32:fixed/vectors@0.1.0#dot
  (func (export "cm32:fixed/vectors@0.1.0#dot") (param f32 f32 f32 f32 f32 f32 f32 f32) (result f32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#dot
  (func (export "cabi_post_cm32:fixed/vectors@0.1.0#dot") (param f32) unreachable)
  ;; func cm32:fixed/vectors@0.1.0#rgb
  (func (export "cm32:fixed/vectors@0.1.0#rgb") (result i32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#rgb
  (func (export "cabi_post_cm32:fixed/vectors@0.1.0#rgb") (param i32) unreachable)
  ;; func cm32:fixed/vectors@0.1.0#many
  (func (export "cm32:fixed/vectors@0.1.0#many") (param i32) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#many
  (func (export "cabi_post_cm32:fixed/vectors@0.1.0#many") unreachable)
  ;; func cm32:fixed/vectors@0.1.0#names
  (func (export "cm32:fixed/vectors@0.1.0#names") (param i32 i32 i32 i32) (result i64) unreachable)
  ;; post-return cm32:fixed/vectors@0.1.0#names
  (func (export "cabi_post_cm32:fixed/vectors@0.1.0#names") (param i64) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
