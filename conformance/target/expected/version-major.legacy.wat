(module
  ;; func cm32:major/api@1.2.3+build.7#call
  (import "cm32:major/api@1.2.3+build.7" "call" (func (param i32) (result i32)))
  ;; resource-drop cm32:major/api@1.2.3+build.7#thing
  (import "cm32:major/api@1.2.3+build.7" "[resource-drop]thing" (func (param i32)))
  ;; resource-drop cm32:major/api@1.2.3+build.7#thing
  (import "[export]cm32:major/api@1.2.3+build.7" "[resource-drop]thing" (func (param i32)))
  ;; resource-new cm32:major/api@1.2.3+build.7#thing
  (import "[export]cm32:major/api@1.2.3+build.7" "[resource-new]thing" (func (param i32) (result i32)))
  ;; resource-rep cm32:major/api@1.2.3+build.7#thing
  (import "[export]cm32:major/api@1.2.3+build.7" "[resource-rep]thing" (func (param i32) (result i32)))
  ;; func cm32:major/api@1.2.3+build.7#call
  (func (export "cm32:major/api@1.2.3+build.7#call") (param i32) (result i32) unreachable)
  ;; post-return cm32:major/api@1.2.3+build.7#call
  (func (export "cabi_post_cm32:major/api@1.2.3+build.7#call") (param i32) unreachable)
  ;; dtor cm32:major/api@1.2.3+build.7#thing
  (func (export "cm32:major/api@1.2.3+build.7#[dtor]thing") (param i32) unreachable)
  ;; memory
  (memory (export "memory") 0)
  ;; realloc
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
  ;; initialize
  (func (export "_initialize") unreachable)
)
