;; cm32-check: --wit wit/gated.wit
;; Without --features extra the @unstable function is not in the target, so importing and exporting it are unknown names.
(module
  (import "cm32p2|test:gated/tools@2" "extra-op" (func (param i32) (result i32)))
  (func (export "cm32p2|test:gated/tools@2|extra-op") (param i32) (result i32) local.get 0)
)
