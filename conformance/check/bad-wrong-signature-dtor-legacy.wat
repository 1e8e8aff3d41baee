;; cm32-check: --wit wit/resources.wit
;; Legacy `#[dtor]` exports with wrong core types: a dtor without its rep param, and a method whose result is i32 instead of i64.
(module
  (func (export "test:res/files@0.1.2#[dtor]file"))
  (func (export "test:res/files@0.1.2#[method]file.len") (param i32) (result i32) unreachable)
)
