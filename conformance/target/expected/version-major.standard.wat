(module
  ;; func cm32:major/api@1.2.3+build.7#call
  (import "cm32p2|cm32:major/api@1" "call" (func (param i32) (result i32)))
  ;; resource-drop cm32:major/api@1.2.3+build.7#thing
  (import "cm32p2|cm32:major/api@1" "thing_drop" (func (param i32)))
  ;; resource-drop cm32:major/api@1.2.3+build.7#thing
  (import "cm32p2|_ex_cm32:major/api@1" "thing_drop" (func (param i32)))
  ;; resource-new cm32:major/api@1.2.3+build.7#thing
  (import "cm32p2|_ex_cm32:major/api@1" "thing_new" (func (param i32) (result i32)))
  ;; resource-rep cm32:major/api@1.2.3+build.7#thing
  (import "cm32p2|_ex_cm32:major/api@1" "thing_rep" (func (param i32) (result i32)))
  ;; func cm32:major/api@1.2.3+build.7#call
  (func (export "cm32p2|cm32:major/api@1|call") (param i32) (result i32) unreachable)
  ;; post-return cm32:major/api@1.2.3+build.7#call
  (func (export "cm32p2|cm32:major/api@1|call_post") (param i32) unreachable)
  ;; dtor cm32:major/api@1.2.3+build.7#thing
  (func (export "cm32p2|cm32:major/api@1|thing_dtor") (param i32) unreachable)
  ;; memory
  (memory (export "cm32p2_memory") 0)
  ;; realloc
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "cm32p2_initialize") unreachable)
)
