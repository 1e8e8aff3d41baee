(module
  ;; func cm32:gated/api@1.1.0#stable
  (import "cm32:gated/api@1.1.0" "stable" (func (result i32)))
  ;; func cm32:gated/api@1.1.0#fancy
  (import "cm32:gated/api@1.1.0" "fancy" (func (param i32 i32 i32)))
  ;; func cm32:gated/api@1.1.0#turbo
  (import "cm32:gated/api@1.1.0" "turbo" (func))
  ;; func cm32:gated/extras@1.1.0#more
  (import "cm32:gated/extras@1.1.0" "more" (func))
  ;; func cm32:gated/api@1.1.0#stable
  (func (export "cm32:gated/api@1.1.0#stable") (result i32) unreachable)
  ;; post-return cm32:gated/api@1.1.0#stable
  (func (export "cabi_post_cm32:gated/api@1.1.0#stable") (param i32) unreachable)
  ;; func cm32:gated/api@1.1.0#fancy
  (func (export "cm32:gated/api@1.1.0#fancy") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:gated/api@1.1.0#fancy
  (func (export "cabi_post_cm32:gated/api@1.1.0#fancy") (param i32) unreachable)
  ;; func cm32:gated/api@1.1.0#turbo
  (func (export "cm32:gated/api@1.1.0#turbo") unreachable)
  ;; post-return cm32:gated/api@1.1.0#turbo
  (func (export "cabi_post_cm32:gated/api@1.1.0#turbo") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
