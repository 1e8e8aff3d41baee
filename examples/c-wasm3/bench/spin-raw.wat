;; The same spin(n), for a raw wasm3 host function.
(module
  (import "bench" "add1" (func $add1 (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "spin") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $add1 (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
