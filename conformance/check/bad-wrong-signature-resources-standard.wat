;; cm32-check: --wit wit/resources.wit
;; Standard exported-resource items with wrong core types: a dtor taking i64, a `_new` without result, and a post-return taking i32 where the method returns i64.
(module
  (import "cm32p2|_ex_test:res/files@0.1" "file_new" (func (param i32)))
  (func (export "cm32p2|test:res/files@0.1|[method]file.len") (param i32) (result i64) unreachable)
  (func (export "cm32p2|test:res/files@0.1|[method]file.len_post") (param i32))
  (func (export "cm32p2|test:res/files@0.1|file_dtor") (param i64))
)
