;; Writing more than check-write permitted (4096 bytes) traps, as the WIT says it must.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func $get-stdout (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.check-write" (func $check (param i32 i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.write" (func $write (param i32 i32 i32 i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0x8000))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (local $out i32)
    (local.set $out (call $get-stdout))
    ;; check-write: result<u64, stream-error> at 16; ok(4096) expected
    (call $check (local.get $out) (i32.const 16))
    (if (i32.ne (i32.load8_u (i32.const 16)) (i32.const 0)) (then unreachable))
    (if (i64.ne (i64.load (i32.const 24)) (i64.const 4096)) (then unreachable))
    ;; 4096 bytes are allowed ...
    (call $write (local.get $out) (i32.const 1024) (i32.const 4096) (i32.const 64))
    (if (i32.ne (i32.load8_u (i32.const 64)) (i32.const 0)) (then unreachable))
    ;; ... one more byte before a flush is not.
    (call $write (local.get $out) (i32.const 1024) (i32.const 1) (i32.const 64))
    (i32.const 0))
)
