(module
  ;; func cm32:aggregates/pool@1.0.0#take
  (import "cm32:aggregates/pool@1.0.0" "take" (func (param i32)))
  ;; func cm32:aggregates/pool@1.0.0#try-take
  (import "cm32:aggregates/pool@1.0.0" "try-take" (func (param i32)))
  ;; func cm32:aggregates/pool@1.0.0#give-back
  (import "cm32:aggregates/pool@1.0.0" "give-back" (func (param i32 i32)))
  ;; func cm32:aggregates/pool@1.0.0#inspect
  (import "cm32:aggregates/pool@1.0.0" "inspect" (func (param i32 i32) (result i32)))
  ;; resource-drop cm32:aggregates/pool@1.0.0#conn
  (import "cm32:aggregates/pool@1.0.0" "[resource-drop]conn" (func (param i32)))
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
