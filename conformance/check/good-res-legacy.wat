;; cm32-check: --wit wit/resources.wit
;; The legacy names for imported resources (`[resource-drop]`, `$root`) and an exported one (`[export]` module, `[resource-new]`, `[resource-rep]`, `#[dtor]`).
(module
  (import "test:res/store@0.1.2" "[constructor]blob" (func (param i32) (result i32)))
  (import "test:res/store@0.1.2" "[method]blob.size" (func (param i32) (result i32)))
  (import "test:res/store@0.1.2" "[static]blob.open" (func (param i32) (result i32)))
  (import "test:res/store@0.1.2" "[resource-drop]blob" (func (param i32)))
  (import "$root" "[resource-drop]handle" (func (param i32)))
  (import "$root" "use-handle" (func (param i32)))
  (import "[export]test:res/files@0.1.2" "[resource-drop]file" (func (param i32)))
  (import "[export]test:res/files@0.1.2" "[resource-new]file" (func (param i32) (result i32)))
  (import "[export]test:res/files@0.1.2" "[resource-rep]file" (func (param i32) (result i32)))
  (func (export "test:res/files@0.1.2#[constructor]file") (result i32) unreachable)
  (func (export "cabi_post_test:res/files@0.1.2#[constructor]file") (param i32))
  (func (export "test:res/files@0.1.2#[method]file.len") (param i32) (result i64) unreachable)
  (func (export "test:res/files@0.1.2#make") (result i32) unreachable)
  (func (export "test:res/files@0.1.2#[dtor]file") (param i32))
)
