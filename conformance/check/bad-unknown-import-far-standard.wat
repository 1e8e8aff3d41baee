;; cm32-check: --wit wit/basic.wit
;; Standard imports far from every name of the target (an unrelated function, an interface the world lacks) are unknown with no hint.
(module
  (import "cm32p2|test:basic/host@1" "xyzzy-frobnicate-quux-zork" (func))
  (import "cm32p2|wasi:filesystem/preopens@0.2" "get-directories" (func (param i32)))
)
