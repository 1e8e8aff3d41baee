(module
  ;; func cm32:maps/config@0.1.0#get-all
  (import "cm32:maps/config@0.1.0" "get-all" (func (param i32)))
  ;; func cm32:maps/config@0.1.0#set-all
  (import "cm32:maps/config@0.1.0" "set-all" (func (param i32 i32)))
  ;; func cm32:maps/config@0.1.0#get-all
  (func (export "cm32:maps/config@0.1.0#get-all") (result i32) unreachable)
  ;; post-return cm32:maps/config@0.1.0#get-all
  (func (export "cabi_post_cm32:maps/config@0.1.0#get-all") (param i32) unreachable)
  ;; func cm32:maps/config@0.1.0#set-all
  (func (export "cm32:maps/config@0.1.0#set-all") (param i32 i32) unreachable)
  ;; post-return cm32:maps/config@0.1.0#set-all
  (func (export "cabi_post_cm32:maps/config@0.1.0#set-all") unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
