;; A program that never ends: `run` loops forever. Only a fuel limit or a deadline stops it.
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|wasi:cli/run@0.2|run") (result i32)
    (loop $forever (br $forever))
    (i32.const 0))
)
