(module
  ;; func cm32:strings/text@0.3.1#echo
  (import "cm32p2|cm32:strings/text@0.3" "echo" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#lengths
  (import "cm32p2|cm32:strings/text@0.3" "lengths" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#bytes
  (import "cm32p2|cm32:strings/text@0.3" "bytes" (func (param i32 i32) (result i64)))
  ;; func cm32:strings/text@0.3.1#make
  (import "cm32p2|cm32:strings/text@0.3" "make" (func (param i32 i32)))
  ;; func cm32:strings/text@0.3.1#nested
  (import "cm32p2|cm32:strings/text@0.3" "nested" (func (param i32 i32 i32)))
  ;; func cm32:strings/text@0.3.1#echo
  (func (export "cm32p2|cm32:strings/text@0.3|echo") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#echo
  (func (export "cm32p2|cm32:strings/text@0.3|echo_post") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#lengths
  (func (export "cm32p2|cm32:strings/text@0.3|lengths") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#lengths
  (func (export "cm32p2|cm32:strings/text@0.3|lengths_post") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#bytes
  (func (export "cm32p2|cm32:strings/text@0.3|bytes") (param i32 i32) (result i64) unreachable)
  ;; post-return cm32:strings/text@0.3.1#bytes
  (func (export "cm32p2|cm32:strings/text@0.3|bytes_post") (param i64) unreachable)
  ;; func cm32:strings/text@0.3.1#make
  (func (export "cm32p2|cm32:strings/text@0.3|make") (param i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#make
  (func (export "cm32p2|cm32:strings/text@0.3|make_post") (param i32) unreachable)
  ;; func cm32:strings/text@0.3.1#nested
  (func (export "cm32p2|cm32:strings/text@0.3|nested") (param i32 i32) (result i32) unreachable)
  ;; post-return cm32:strings/text@0.3.1#nested
  (func (export "cm32p2|cm32:strings/text@0.3|nested_post") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
