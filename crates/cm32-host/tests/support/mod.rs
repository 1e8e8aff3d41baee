//! What the component tests share: a guest allocator whose calls the host records, and the
//! reading of those calls.

use cm32_host::ReallocCall;

/// A core module `$mem` with a memory and a bump allocator that carries the old block over when
/// asked to grow or shrink one.
pub const ALLOCATOR: &str = r#"(core module $mem
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $at i32)
      (local.set $at (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
      (global.set $next (i32.add (local.get $at) (local.get $size)))
      (if (local.get $old)
        (then (memory.copy (local.get $at) (local.get $old)
          (select (local.get $old-size) (local.get $size) (i32.lt_u (local.get $old-size) (local.get $size))))))
      (local.get $at)))"#;

/// A realloc call as (old size, align, new size).
pub type Realloc = (u32, u32, u32);

/// Each realloc call, its old pointer checked against the block it grows or shrinks.
pub fn reallocs(log: &[ReallocCall]) -> Vec<Realloc> {
    let mut previous = 0;
    log.iter()
        .map(|call| {
            let [old, old_size, align, size] = call.args;
            assert!(old == 0 || old == previous, "realloc of {old:#x}, not of the last block {previous:#x}");
            previous = call.result;
            (old_size, align, size)
        })
        .collect()
}
