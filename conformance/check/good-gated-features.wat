;; cm32-check: --wit wit/gated.wit --features extra
;; With --features extra the @unstable function is part of the target, imported and exported under its standard names (`@2` for 2.1.0).
(module
  (import "cm32p2|test:gated/tools@2" "extra-op" (func (param i32) (result i32)))
  (func (export "cm32p2|test:gated/tools@2|extra-op") (param i32) (result i32) local.get 0)
  (func (export "cm32p2|test:gated/tools@2|stable-op") (param i32) (result i32) local.get 0)
)
