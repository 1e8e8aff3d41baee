//! Entry points for the fuzz targets under `fuzz/`: lifting from arbitrary memory and flat values.

use crate::abi::{ComponentState, FlatSrc, LiftFor, Lifter};
use crate::engine::CoreVal;
use crate::table::Entry;
use crate::trap::Trap;
use crate::types::{TypeIdx, Types};
use crate::val::Val;

/// Lifts a value of type `ty` from `flat` (when `at` is `None`) or from memory at `at`, with a
/// handle table holding a few own and borrow handles of every resource type.
pub fn lift(types: &Types, ty: TypeIdx, memory: &[u8], flat: &[CoreVal], at: Option<u32>) -> Result<Val, Trap> {
    let mut state = ComponentState::default();
    for (i, _) in types.resources() {
        for own in [true, false, true] {
            let _ = state.table.add(Entry { resource: i, rep: 7, own, lends: 0 });
        }
    }
    let mut lifter =
        Lifter { mem: memory, st: &mut state, types, purpose: LiftFor::ImportArgs, encoding: Default::default() };
    match at {
        Some(ptr) => {
            let abi = types.get(ty);
            crate::abi::check_ptr(ptr, abi.size, abi.align, memory.len(), "fuzz")?;
            lifter.load(ty, ptr)
        }
        None => {
            if types.get(ty).flat.is_none() {
                return Ok(Val::Bool(false));
            }
            lifter.lift_flat(ty, &mut FlatSrc::new(flat))
        }
    }
}

/// Every type in the arena, for a target to pick from.
pub fn all_types(types: &Types) -> Vec<TypeIdx> {
    (0..types.len() as u32).map(TypeIdx).collect()
}
