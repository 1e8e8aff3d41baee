;; cm32-check: --wit wit/resources.wit --require-all-exports
;; Under --require-all-exports a legacy module that defines every exported function of a resource interface (constructor, method, plain function) conforms.
(module
  (import "[export]test:res/files@0.1.2" "[resource-new]file" (func (param i32) (result i32)))
  (func (export "test:res/files@0.1.2#[constructor]file") (result i32) unreachable)
  (func (export "test:res/files@0.1.2#[method]file.len") (param i32) (result i64) unreachable)
  (func (export "test:res/files@0.1.2#make") (result i32) unreachable)
  (func (export "test:res/files@0.1.2#[dtor]file") (param i32))
)
