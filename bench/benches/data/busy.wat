;; A wasi:cli/command program that only computes: `run` loops 200 million times over a little
;; arithmetic and memory, for measuring what counting fuel or keeping a deadline costs
;; (`cm32 run -W timeout=...` against `cm32 run`).
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $i)))
      (i32.store (i32.and (local.get $i) (i32.const 1020)) (local.get $acc))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 200000000))))
    ;; ok, whatever the sum: the result is the loop's, not the program's
    (i32.and (local.get $acc) (i32.const 0)))
)
