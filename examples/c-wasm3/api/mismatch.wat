;; Not world `w`'s target: its `run` takes two parameters.
(module
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2||run") (param i32 i32) (result i32) (i32.const 0))
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
