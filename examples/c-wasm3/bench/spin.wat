;; spin(n): calls the host's add1 n times, from 0; world `w` of spin.wit.
(module
  (import "cm32p2|bench:spin/host" "add1" (func $add1 (param i32) (result i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2||spin") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $add1 (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
