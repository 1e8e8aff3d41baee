;; cm32-check: --wit wit/basic.wit
;; Legacy imports: near misses get a hint, a far-away function and an interface the world lacks do not.
(module
  (import "test:basic/host@1.2.3" "hostnme" (func (param i32)))
  (import "$root" "pnig" (func (result i32)))
  (import "test:basic/host@1.2.3" "totally-unrelated-function-name" (func))
  (import "test:other/thing@9.9.9" "frobnicate-everything" (func))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
)
