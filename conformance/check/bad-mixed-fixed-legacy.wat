;; cm32-check: --wit wit/resources.wit --mangling legacy
;; With --mangling legacy, a module written wholly in standard names has every one of them reported as mixed-mangling.
(module
  (import "cm32p2|test:res/store@0.1" "blob_drop" (func (param i32)))
  (import "cm32p2" "use-handle" (func (param i32)))
  (func (export "cm32p2|test:res/files@0.1|file_dtor") (param i32))
  (func (export "cm32p2_initialize"))
)
