(module
  ;; func cm32:maps/config@0.1.0#get-all
  (import "cm32p2|cm32:maps/config@0.1" "get-all" (func (param i32)))
  ;; func cm32:maps/config@0.1.0#set-all
  (import "cm32p2|cm32:maps/config@0.1" "set-all" (func (param i32 i32)))
  ;; func cm32:maps/config@0.1.0#get-all
  (func (export "cm32p2|cm32:maps/config@0.1|get-all") (result i32) unreachable)
  ;; post-return cm32:maps/config@0.1.0#get-all
  (func (export "cm32p2|cm32:maps/config@0.1|get-all_post") (param i32) unreachable)
  ;; func cm32:maps/config@0.1.0#set-all
  (func (export "cm32p2|cm32:maps/config@0.1|set-all") (param i32 i32) unreachable)
  ;; post-return cm32:maps/config@0.1.0#set-all
  (func (export "cm32p2|cm32:maps/config@0.1|set-all_post") unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
