(module
  ;; func cm32:results/fallible@0.0.4#maybe
  (import "cm32:results/fallible@0.0.4" "maybe" (func (param i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#parse
  (import "cm32:results/fallible@0.0.4" "parse" (func (param i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#check
  (import "cm32:results/fallible@0.0.4" "check" (func (result i32)))
  ;; func cm32:results/fallible@0.0.4#only-ok
  (import "cm32:results/fallible@0.0.4" "only-ok" (func (param i32)))
  ;; func cm32:results/fallible@0.0.4#only-err
  (import "cm32:results/fallible@0.0.4" "only-err" (func (param i32)))
  ;; func cm32:results/fallible@0.0.4#nested
  (import "cm32:results/fallible@0.0.4" "nested" (func (param i32 i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#maybe
  (func (export "cm32:results/fallible@0.0.4#maybe") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#maybe
  (func (export "cabi_post_cm32:results/fallible@0.0.4#maybe") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#parse
  (func (export "cm32:results/fallible@0.0.4#parse") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#parse
  (func (export "cabi_post_cm32:results/fallible@0.0.4#parse") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#check
  (func (export "cm32:results/fallible@0.0.4#check") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#check
  (func (export "cabi_post_cm32:results/fallible@0.0.4#check") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#only-ok
  (func (export "cm32:results/fallible@0.0.4#only-ok") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#only-ok
  (func (export "cabi_post_cm32:results/fallible@0.0.4#only-ok") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#only-err
  (func (export "cm32:results/fallible@0.0.4#only-err") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#only-err
  (func (export "cabi_post_cm32:results/fallible@0.0.4#only-err") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#nested
  (func (export "cm32:results/fallible@0.0.4#nested") (param i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#nested
  (func (export "cabi_post_cm32:results/fallible@0.0.4#nested") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
