;; Reads 16 bytes from stdin; if the read fails, asks both `*-error-code` functions what the
;; error was and prints their answers (the case index of `error-code`, or `none`):
;;   read: last-operation-failed
;;   filesystem-error-code: 13
;;   network-error-code: none
;; Written by hand because no toolchain binds the unstable `network-error-code` yet.
(module
  (import "cm32p2|wasi:cli/stdin@0.2" "get-stdin" (func $get-stdin (result i32)))
  (import "cm32p2|wasi:cli/stdout@0.2" "get-stdout" (func $get-stdout (result i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]input-stream.blocking-read" (func $read (param i32 i64 i32)))
  (import "cm32p2|wasi:io/streams@0.2" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "cm32p2|wasi:filesystem/types@0.2" "filesystem-error-code" (func $filesystem-code (param i32 i32)))
  (import "cm32p2|wasi:sockets/network@0.2" "network-error-code" (func $network-code (param i32 i32)))
  (memory (export "cm32p2_memory") 1)

  ;; 0x20: blocking-read's result<list<u8>, stream-error> (12 bytes)
  ;; 0x40: an option<error-code> (2 bytes)
  ;; 0x80: the write's result; 0x100..: text; 0x1a0: digits; 0x1000..: realloc's heap
  (data (i32.const 0x100) "read: ok\n")
  (data (i32.const 0x110) "read: closed\n")
  (data (i32.const 0x120) "read: last-operation-failed\n")
  (data (i32.const 0x140) "filesystem-error-code: ")
  (data (i32.const 0x160) "network-error-code: ")
  (data (i32.const 0x180) "none\n")
  (global $heap (mut i32) (i32.const 0x1000))
  (global $stdout (mut i32) (i32.const 0))

  (func (export "cm32p2_realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32)
    (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $at) (local.get $size)))
    (local.get $at))

  (func $say (param $at i32) (param $len i32)
    (call $write (global.get $stdout) (local.get $at) (local.get $len) (i32.const 0x80)))

  ;; `label` and then the option<error-code> at 0x40: its case index in decimal, or `none`.
  (func $say-code (param $label i32) (param $label-len i32)
    (local $n i32)
    (local $at i32)
    (call $say (local.get $label) (local.get $label-len))
    (if (i32.eqz (i32.load8_u (i32.const 0x40)))
      (then (call $say (i32.const 0x180) (i32.const 5)) (return)))
    (local.set $n (i32.load8_u (i32.const 0x41)))
    ;; Digits right to left, ending at 0x1a4 with a newline.
    (i32.store8 (i32.const 0x1a4) (i32.const 10))
    (local.set $at (i32.const 0x1a4))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    (call $say (local.get $at) (i32.sub (i32.const 0x1a5) (local.get $at))))

  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (local $error i32)
    (global.set $stdout (call $get-stdout))
    (call $read (call $get-stdin) (i64.const 16) (i32.const 0x20))
    (if (i32.eqz (i32.load8_u (i32.const 0x20)))
      (then (call $say (i32.const 0x100) (i32.const 9)) (return (i32.const 0))))
    ;; stream-error: case 1 is `closed`, case 0 `last-operation-failed(error)`.
    (if (i32.load8_u (i32.const 0x24))
      (then (call $say (i32.const 0x110) (i32.const 13)) (return (i32.const 0))))
    (local.set $error (i32.load (i32.const 0x28)))
    (call $say (i32.const 0x120) (i32.const 28))
    (call $filesystem-code (local.get $error) (i32.const 0x40))
    (call $say-code (i32.const 0x140) (i32.const 23))
    (call $network-code (local.get $error) (i32.const 0x40))
    (call $say-code (i32.const 0x160) (i32.const 20))
    (i32.const 0))
)
