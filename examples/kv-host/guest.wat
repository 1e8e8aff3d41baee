;; The guest of example:kv, written by hand as a core module of the world's build target
;; (`cm32 target wit --format wat` prints the skeleton). `run(n)` writes `n` values under one key,
;; counts the writes the bucket took, reads the key back and logs what it read.
(module
  (import "cm32p2|example:kv/store" "[constructor]bucket" (func $bucket (param i32 i32) (result i32)))
  (import "cm32p2|example:kv/store" "[method]bucket.get" (func $get (param i32 i32 i32 i32)))
  (import "cm32p2|example:kv/store" "[method]bucket.set" (func $set (param i32 i32 i32 i32 i32 i32)))
  (import "cm32p2|example:kv/store" "log" (func $log (param i32 i32)))
  (import "cm32p2|example:kv/store" "bucket_drop" (func $drop (param i32)))
  (memory (export "cm32p2_memory") 1)
  (data (i32.const 0) "demo")
  (data (i32.const 8) "key")
  (data (i32.const 16) "value-0")
  (global $heap (mut i32) (i32.const 1024))

  ;; A bump allocator, for the strings the host returns.
  (func (export "cm32p2_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at
      (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
               (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $at) (local.get $size)))
    (local.get $at))

  (func (export "cm32p2||run") (param $n i32) (result i32)
    (local $bucket i32) (local $i i32) (local $stored i32)
    (local.set $bucket (call $bucket (i32.const 0) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; "value-<i mod 10>"
        (i32.store8 (i32.const 22) (i32.add (i32.const 48) (i32.rem_u (local.get $i) (i32.const 10))))
        ;; result<_, store-error> comes back at 64: its discriminant first, 0 for ok.
        (call $set (local.get $bucket) (i32.const 8) (i32.const 3) (i32.const 16) (i32.const 7) (i32.const 64))
        (if (i32.eqz (i32.load8_u (i32.const 64)))
          (then (local.set $stored (i32.add (local.get $stored) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; option<string> comes back at 96: its discriminant, then the string's pointer and length.
    (call $get (local.get $bucket) (i32.const 8) (i32.const 3) (i32.const 96))
    (if (i32.load8_u (i32.const 96))
      (then (call $log (i32.load (i32.const 100)) (i32.load (i32.const 104)))))
    (call $drop (local.get $bucket))
    (local.get $stored))
)
