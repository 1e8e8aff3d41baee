;; cm32-check: --wit wit/resources.wit
;; A world at 0.1.2 against legacy resource names at 0.2.0 (a different track below 1.0): the `[export]` module, the dtor's interface and an imported interface are incompatible; an import at 0.1.0 is fine.
(module
  (import "[export]test:res/files@0.2.0" "[resource-new]file" (func (param i32) (result i32)))
  (import "test:res/store@0.2.0" "[resource-drop]blob" (func (param i32)))
  (import "test:res/store@0.1.0" "[method]blob.size" (func (param i32) (result i32)))
  (func (export "test:res/files@0.2.0#[dtor]file") (param i32))
)
