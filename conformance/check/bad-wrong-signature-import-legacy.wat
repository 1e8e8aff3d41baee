;; cm32-check: --wit wit/resources.wit
;; Legacy resource imports with wrong core types: a drop taking i64, a constructor without its handle result, a function taking a borrow as nothing, and an exported resource's rep returning i64.
(module
  (import "test:res/store@0.1.2" "[resource-drop]blob" (func (param i64)))
  (import "test:res/store@0.1.2" "[constructor]blob" (func (param i32)))
  (import "$root" "use-handle" (func))
  (import "[export]test:res/files@0.1.2" "[resource-rep]file" (func (param i32) (result i64)))
)
