;; cm32-check: --wit wit/resources.wit
;; Legacy `cabi_post_` exports without their functions (a constructor and a method); `make` with its post-return is fine.
(module
  (func (export "cabi_post_test:res/files@0.1.2#[constructor]file") (param i32))
  (func (export "cabi_post_test:res/files@0.1.2#[method]file.len") (param i64))
  (func (export "test:res/files@0.1.2#make") (result i32) unreachable)
  (func (export "cabi_post_test:res/files@0.1.2#make") (param i32))
)
