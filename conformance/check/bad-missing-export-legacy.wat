;; cm32-check: --wit wit/resources.wit --require-all-exports
;; Under --require-all-exports a legacy module with only the dtor misses the constructor, method and function of the exported interface.
(module
  (func (export "test:res/files@0.1.2#[dtor]file") (param i32))
)
