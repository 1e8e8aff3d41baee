;; cm32-check: --wit wit/basic.wit --world basic --mangling legacy
;; With --mangling legacy and an explicit --world, a module whose only target names are unshaped (`memory`, `run`, `_initialize`) is checked as legacy.
(module
  (memory (export "memory") 1)
  (func (export "run"))
  (func (export "_initialize"))
)
