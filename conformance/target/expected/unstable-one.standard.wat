(module
  ;; func cm32:gated/api@1.1.0#stable
  (import "cm32p2|cm32:gated/api@1" "stable" (func (result i32)))
  ;; func cm32:gated/api@1.1.0#fancy
  (import "cm32p2|cm32:gated/api@1" "fancy" (func (param i32 i32 i32)))
  ;; func cm32:gated/api@1.1.0#stable
  (func (export "cm32p2|cm32:gated/api@1|stable") (result i32) unreachable)
  ;; post-return cm32:gated/api@1.1.0#stable
  (func (export "cm32p2|cm32:gated/api@1|stable_post") (param i32) unreachable)
  ;; func cm32:gated/api@1.1.0#fancy
  (func (export "cm32p2|cm32:gated/api@1|fancy") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:gated/api@1.1.0#fancy
  (func (export "cm32p2|cm32:gated/api@1|fancy_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
