;; cm32-check: --wit wit/basic.wit
;; Standard exports that are not in the target: near misses (a function, a post-return, the memory) get a hint, a far-away name gets none.
(module
  (memory (export "cm32p2_memroy") 1)
  (func (export "cm32p2|test:basic/api@1|addd") (param i32 i32) (result i32) unreachable)
  (func (export "cm32p2||run_pots"))
  (func (export "cm32p2|test:basic/api@1|a-really-quite-unrelated-function-name") (param i32))
  (func (export "cm32p2_entry_point_of_the_whole_program"))
)
