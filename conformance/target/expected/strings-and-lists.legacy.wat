(module
  ;; func cm32:strings/text@0.3.1#echo
  (import "cm32:strings/text@0.3.1" "echo" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#lengths
  (import "cm32:strings/text@0.3.1" "lengths" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#bytes
  (import "cm32:strings/text@0.3.1" "bytes" (func (param i32 i32) (result i64)))
  ;; func cm32:strings/text@0.3.1#make
  (import "cm32:strings/text@0.3.1" "make" (func (param i32 i32)))
  ;; func cm32:strings/text@0.3.1#nested
  (import "cm32:strings/text@0.3.1" "nested" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#echo
  (func (export "cm32:strings/text@0.3.1#echo") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#echo
  (func (export "cabi_post_cm32:strings/text@0.3.1#echo") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#lengths
  (func (export "cm32:strings/text@0.3.1#lengths") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#lengths
  (func (export "cabi_post_cm32:strings/text@0.3.1#lengths") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#bytes
  (func (export "cm32:strings/text@0.3.1#bytes") (param i32 i32) (result i64) unreachable)
  ;; post-return cm32:strings/text@0.3.1#bytes
  (func (export "cabi_post_cm32:strings/text@0.3.1#bytes") (param i64) unreachable)
  ;; func cm32:strings/text@0.3.1#make
  (func (export "cm32:strings/text@0.3.1#make") (param i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#make
  (func (export "cabi_post_cm32:strings/text@0.3.1#make") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#nested
  (func (export "cm32:strings/text@0.3.1#nested") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#nested
  (func (export "cabi_post_cm32:strings/text@0.3.1#nested") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
