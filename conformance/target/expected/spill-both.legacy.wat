(module
  ;; func transform
  (import "$root" "transform" (func (param i32 i32)))
  ;; func transform-back
  (func (export "transform-back") (param i32) (result i32) unreachable)
  ;; post-return transform-back
  (func (export "cabi_post_transform-back") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
