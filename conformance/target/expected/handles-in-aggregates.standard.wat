(module
  ;; func cm32:aggregates/pool@1.0.0#take
  (import "cm32p2|cm32:aggregates/pool@1" "take" (func (param i32)))
  ;; func cm32:aggregates/pool@1.0.0#try-take
  (import "cm32p2|cm32:aggregates/pool@1" "try-take" (func (param i32)))
  ;; func cm32:aggregates/pool@1.0.0#give-back
  (import "cm32p2|cm32:aggregates/pool@1" "give-back" (func (param i32 i32)))
  ;; func cm32:aggregates/pool@1.0.0#inspect
  (import "cm32p2|cm32:aggregates/pool@1" "inspect" (func (param i32 i32) (result i32)))
  ;; resource-drop cm32:aggregates/pool@1.0.0#conn
  (import "cm32p2|cm32:aggregates/pool@1" "conn_drop" (func (param i32)))
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
