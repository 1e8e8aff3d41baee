;; cm32-check: --wit wit/resources.wit
;; A standard module using imported resources (constructor, method, static, drop; also a world-level resource) and implementing an exported one (new, rep, drop, dtor).
(module
  (import "cm32p2|test:res/store@0.1" "[constructor]blob" (func (param i32) (result i32)))
  (import "cm32p2|test:res/store@0.1" "[method]blob.size" (func (param i32) (result i32)))
  (import "cm32p2|test:res/store@0.1" "[static]blob.open" (func (param i32) (result i32)))
  (import "cm32p2|test:res/store@0.1" "blob_drop" (func (param i32)))
  (import "cm32p2" "handle_drop" (func (param i32)))
  (import "cm32p2" "use-handle" (func (param i32)))
  (import "cm32p2|_ex_test:res/files@0.1" "file_drop" (func (param i32)))
  (import "cm32p2|_ex_test:res/files@0.1" "file_new" (func (param i32) (result i32)))
  (import "cm32p2|_ex_test:res/files@0.1" "file_rep" (func (param i32) (result i32)))
  (func (export "cm32p2|test:res/files@0.1|[constructor]file") (result i32) unreachable)
  (func (export "cm32p2|test:res/files@0.1|[method]file.len") (param i32) (result i64) unreachable)
  (func (export "cm32p2|test:res/files@0.1|[method]file.len_post") (param i64))
  (func (export "cm32p2|test:res/files@0.1|make") (result i32) unreachable)
  (func (export "cm32p2|test:res/files@0.1|file_dtor") (param i32))
  (func (export "cm32p2_initialize"))
)
