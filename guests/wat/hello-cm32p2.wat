;; A cm32p2 (standard-mangling) program: writes a line to stdout through wasi:io/streams.
(module
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func $get-stdout (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "cm32p2|wasi:io/streams@0.2" "output-stream_drop" (func $drop (param i32)))
  (memory (export "cm32p2_memory") 1)
  (data (i32.const 16) "hello from cm32p2\n")
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (local $out i32)
    (local.set $out (call $get-stdout))
    (call $write (local.get $out) (i32.const 16) (i32.const 18) (i32.const 64))
    (call $drop (local.get $out))
    ;; ok: the result<_, stream-error> at 64 has case 0
    (i32.load8_u (i32.const 64)))
)
