;; A program that asks for all the memory a 32-bit module can have: `run` grows its memory to
;; 4 GiB and fails if that was refused (-1).
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (i32.eq (memory.grow (i32.const 65535)) (i32.const -1)))
)
