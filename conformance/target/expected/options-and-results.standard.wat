(module
  ;; func cm32:results/fallible@0.0.4#maybe
  (import "cm32p2|cm32:results/fallible@0.0.4" "maybe" (func (param i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#parse
  (import "cm32p2|cm32:results/fallible@0.0.4" "parse" (func (param i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#check
  (import "cm32p2|cm32:results/fallible@0.0.4" "check" (func (result i32)))
  ;; func cm32:results/fallible@0.0.4#only-ok
  (import "cm32p2|cm32:results/fallible@0.0.4" "only-ok" (func (param i32)))
  ;; func cm32:results/fallible@0.0.4#only-err
  (import "cm32p2|cm32:results/fallible@0.0.4" "only-err" (func (param i32)))
  ;; func cm32:results/fallible@0.0.4#nested
  (import "cm32p2|cm32:results/fallible@0.0.4" "nested" (func (param i32 i32 i32 i32)))
  ;; func cm32:results/fallible@0.0.4#maybe
  (func (export "cm32p2|cm32:results/fallible@0.0.4|maybe") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#maybe
  (func (export "cm32p2|cm32:results/fallible@0.0.4|maybe_post") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#parse
  (func (export "cm32p2|cm32:results/fallible@0.0.4|parse") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#parse
  (func (export "cm32p2|cm32:results/fallible@0.0.4|parse_post") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#check
  (func (export "cm32p2|cm32:results/fallible@0.0.4|check") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#check
  (func (export "cm32p2|cm32:results/fallible@0.0.4|check_post") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#only-ok
  (func (export "cm32p2|cm32:results/fallible@0.0.4|only-ok") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#only-ok
  (func (export "cm32p2|cm32:results/fallible@0.0.4|only-ok_post") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#only-err
  (func (export "cm32p2|cm32:results/fallible@0.0.4|only-err") (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#only-err
  (func (export "cm32p2|cm32:results/fallible@0.0.4|only-err_post") (param i32) unreachable)
  ;; func cm32:results/fallible@0.0.4#nested
  (func (export "cm32p2|cm32:results/fallible@0.0.4|nested") (param i32 i32 i32) (result i32) unreachable)
  ;; post-return cm32:results/fallible@0.0.4#nested
  (func (export "cm32p2|cm32:results/fallible@0.0.4|nested_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
