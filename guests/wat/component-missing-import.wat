;; A component that imports an interface no host provides (`cm32:missing/thing`), and calls it
;; only when its `run` is told to: with unknown imports allowed it runs, and the call traps.
;; The core module's `run` takes the first argument's length as "call it" (non-zero).
(component
  (import "cm32:missing/thing@0.1.0" (instance $thing (export "poke" (func))))
  (import "wasi:cli/environment@0.2.0" (instance $env
    (type $args (list string))
    (export "get-arguments" (func (result $args)))))
  (alias export $thing "poke" (func $poke))
  (alias export $env "get-arguments" (func $get-arguments))
  (core module $mem (memory (export "memory") 1))
  (core instance $mem (instantiate $mem))
  (alias core export $mem "memory" (core memory $memory))
  (core module $alloc
    (import "m" "memory" (memory 1))
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32)
      (local.set $at (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $at)))
  (core instance $alloc (instantiate $alloc (with "m" (instance $mem))))
  (alias core export $alloc "realloc" (core func $realloc))
  (core func $poke (canon lower (func $poke)))
  (core func $get-arguments (canon lower (func $get-arguments) (memory $memory) (realloc $realloc)))
  (core module $main
    (import "host" "poke" (func $poke))
    (import "host" "get-arguments" (func $get-arguments (param i32)))
    (import "m" "memory" (memory 1))
    (func (export "run") (result i32)
      ;; list<string> at 16: (ptr, len); more than argv[0] means "call it".
      (call $get-arguments (i32.const 16))
      (if (i32.gt_u (i32.load (i32.const 20)) (i32.const 1)) (then (call $poke)))
      (i32.const 0)))
  (core instance $host (export "poke" (func $poke)) (export "get-arguments" (func $get-arguments)))
  (core instance $main (instantiate $main (with "host" (instance $host)) (with "m" (instance $mem))))
  (type $run-type (func (result (result))))
  (alias core export $main "run" (core func $run))
  (func $run (type $run-type) (canon lift (core func $run)))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance))
)
