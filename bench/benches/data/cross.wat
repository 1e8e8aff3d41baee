;; Two sibling components: A's `loop-X(n)` calls B's `X` n times through a `canon lower` of B's
;; `canon lift`, so every call crosses from one component instance into the other.
(component
  (component $B
    (core module $m
      (memory (export "memory") 1)
      ;; Every string lands at the same place: the callee reads it and forgets it.
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 4096))
      (func (export "nop"))
      (func (export "three") (param i32 i32 i32) (result i32)
        (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "text") (param i32 i32) (result i32) (local.get 1)))
    (core instance $i (instantiate $m))
    (alias core export $i "memory" (core memory $memory))
    (alias core export $i "realloc" (core func $realloc))
    (func (export "nop") (canon lift (core func $i "nop")))
    (func (export "three") (param "a" u32) (param "b" u32) (param "c" u32) (result u32)
      (canon lift (core func $i "three")))
    (func (export "text") (param "s" string) (result u32)
      (canon lift (core func $i "text") (memory $memory) (realloc $realloc))))
  (component $A
    (import "b" (instance $b
      (export "nop" (func))
      (export "three" (func (param "a" u32) (param "b" u32) (param "c" u32) (result u32)))
      (export "text" (func (param "s" string) (result u32)))))
    (core module $data (memory (export "memory") 1) (data (i32.const 16) "0123456789abcdef"))
    (core instance $data (instantiate $data))
    (alias core export $data "memory" (core memory $memory))
    (core func $nop (canon lower (func $b "nop")))
    (core func $three (canon lower (func $b "three")))
    (core func $text (canon lower (func $b "text") (memory $memory)))
    (core module $m
      (import "b" "nop" (func $nop))
      (import "b" "three" (func $three (param i32 i32 i32) (result i32)))
      (import "b" "text" (func $text (param i32 i32) (result i32)))
      (func (export "loop-nop") (param $n i32)
        (loop $l (call $nop) (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
      (func (export "loop-three") (param $n i32)
        (loop $l (drop (call $three (i32.const 1) (i32.const 2) (i32.const 3)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
      (func (export "loop-text") (param $n i32)
        (loop $l (drop (call $text (i32.const 16) (i32.const 16)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
    (core instance $i (instantiate $m (with "b" (instance
      (export "nop" (func $nop)) (export "three" (func $three)) (export "text" (func $text))))))
    (func (export "loop-nop") (param "n" u32) (canon lift (core func $i "loop-nop")))
    (func (export "loop-three") (param "n" u32) (canon lift (core func $i "loop-three")))
    (func (export "loop-text") (param "n" u32) (canon lift (core func $i "loop-text"))))
  (instance $b (instantiate $B))
  (instance $a (instantiate $A (with "b" (instance $b))))
  (export "loop-nop" (func $a "loop-nop"))
  (export "loop-three" (func $a "loop-three"))
  (export "loop-text" (func $a "loop-text")))
