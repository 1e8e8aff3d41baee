//! The one place where differences between cm32 and wasmtime's Component Model are forgiven.
//!
//! Each entry is a way wasmtime knowingly departs from the Canonical ABI as written on the
//! component-model main branch (or where the spec leaves a choice), with the reason. The
//! comparison counts every use, and the report prints the counts, so a mask that starts hiding
//! more than it should shows up. Nothing outside this file may excuse a difference.
//!
//! wasmtime's other known departures are not masked because no generated case can meet them:
//! its string-length limits (generated strings stay far below 2^28 bytes), store-wide rather
//! than per-instance poisoning (every store here holds one instance), and re-entry without
//! poisoning (the forwarding guest never calls back in).

use std::collections::BTreeMap;

use cm32_host::{TrapClass, Val};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Divergence {
    /// The spec lets a runtime canonicalise NaN or keep its payload. So NaNs are equal to each
    /// other whatever their bits; every other float (-0.0 included) must match bit for bit.
    NanPayload,
    /// When an export returns with a borrow still outstanding *and* a result that does not
    /// lift, wasmtime reports the borrow (it checks borrows before lifting, in
    /// `TypedFunc::call_raw`); the spec's `canon_lift` lifts the result first and traps there,
    /// as cm32 does. Both trap; only the class differs.
    BorrowCheckedBeforeResult,
    /// A borrow handle the guest holds, passed to an import first as a `borrow` and then as an
    /// `own` in the same call. On main, `lift_borrow` lends every handle it lifts
    /// (`Subtask.add_lender`, no exception for borrow handles) and `lift_own` checks
    /// `num_lends` before ownership, so the trap is a lend. wasmtime counts lends on own handles
    /// only (as the spec once did) and reports the handle as not owned. Both trap.
    BorrowHandleLendUncounted,
    /// A callee's post-return that calls out (here a resource drop) during a call from another
    /// component instance. The spec's `canon_lift` clears may-leave around post-return, and cm32
    /// traps `may-leave`; wasmtime's fused adapter (`fact/trampoline.rs`, `compile_adapter`)
    /// calls post-return without clearing the callee's may-leave flag, so the call goes ahead
    /// and fails on its own terms (the handle it drops is not live). Both trap. From the host,
    /// wasmtime checks may-leave as the spec does, so only compositions meet this.
    PostReturnMayLeaveInAdapter,
}

/// What the comparison needs to know about a case to apply the masks.
#[derive(Clone, Copy, Debug, Default)]
pub struct CaseFacts {
    /// A negative case that both leaves a borrow outstanding and returns a bad result.
    pub bad_result_and_kept_borrow: bool,
    /// A negative case that passes a borrow handle as a borrow, then the same handle as an own.
    pub borrow_handle_lent_then_moved: bool,
    /// A composition whose inner guest's post-return calls out.
    pub post_return_leaves_in_adapter: bool,
}

impl Divergence {
    pub fn name(self) -> &'static str {
        match self {
            Divergence::NanPayload => "nan-payload",
            Divergence::BorrowCheckedBeforeResult => "borrow-checked-before-result",
            Divergence::BorrowHandleLendUncounted => "borrow-handle-lend-uncounted",
            Divergence::PostReturnMayLeaveInAdapter => "post-return-may-leave-in-adapter",
        }
    }
}

/// How many times each divergence excused a difference.
#[derive(Clone, Debug, Default)]
pub struct MaskCounts(pub BTreeMap<Divergence, u64>);

impl MaskCounts {
    fn used(&mut self, d: Divergence) {
        *self.0.entry(d).or_default() += 1;
    }

    pub fn merge(&mut self, other: &MaskCounts) {
        for (d, n) in &other.0 {
            *self.0.entry(*d).or_default() += n;
        }
    }
}

/// Whether two values agree, up to the divergences above.
pub fn same_val(a: &Val, b: &Val, masks: &mut MaskCounts) -> bool {
    let all = |a: &[Val], b: &[Val], masks: &mut MaskCounts| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_val(x, y, masks))
    };
    let boxed = |a: &Option<Box<Val>>, b: &Option<Box<Val>>, masks: &mut MaskCounts| match (a, b) {
        (Some(a), Some(b)) => same_val(a, b, masks),
        (None, None) => true,
        _ => false,
    };
    match (a, b) {
        (Val::F32(x), Val::F32(y)) => {
            if x.is_nan() && y.is_nan() {
                if x.to_bits() != y.to_bits() {
                    masks.used(Divergence::NanPayload);
                }
                return true;
            }
            x.to_bits() == y.to_bits()
        }
        (Val::F64(x), Val::F64(y)) => {
            if x.is_nan() && y.is_nan() {
                if x.to_bits() != y.to_bits() {
                    masks.used(Divergence::NanPayload);
                }
                return true;
            }
            x.to_bits() == y.to_bits()
        }
        (Val::List(a), Val::List(b)) | (Val::FixedList(a), Val::FixedList(b)) | (Val::Tuple(a), Val::Tuple(b)) => {
            all(a, b, masks)
        }
        (Val::Record(a), Val::Record(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|((n, x), (m, y))| n == m && same_val(x, y, masks))
        }
        (Val::Variant(n, x), Val::Variant(m, y)) => n == m && boxed(x, y, masks),
        (Val::Option(x), Val::Option(y)) => boxed(x, y, masks),
        (Val::Result(Ok(x)), Val::Result(Ok(y))) | (Val::Result(Err(x)), Val::Result(Err(y))) => boxed(x, y, masks),
        _ => a == b,
    }
}

/// Whether cm32's trap class agrees with what wasmtime's message says. Where wasmtime's
/// message names no class, there is nothing to compare.
pub fn same_trap_class(cm32: TrapClass, wasmtime: Option<TrapClass>, facts: CaseFacts, masks: &mut MaskCounts) -> bool {
    match wasmtime {
        None => true,
        Some(class) if class == cm32 => true,
        Some(TrapClass::BorrowOutstanding) if facts.bad_result_and_kept_borrow => {
            masks.used(Divergence::BorrowCheckedBeforeResult);
            true
        }
        Some(TrapClass::Handle) if cm32 == TrapClass::Lend && facts.borrow_handle_lent_then_moved => {
            masks.used(Divergence::BorrowHandleLendUncounted);
            true
        }
        Some(TrapClass::Handle) if cm32 == TrapClass::MayLeave && facts.post_return_leaves_in_adapter => {
            masks.used(Divergence::PostReturnMayLeaveInAdapter);
            true
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nans_match_whatever_their_payload_and_the_mask_is_counted() {
        let mut masks = MaskCounts::default();
        let quiet = Val::F32(f32::NAN);
        let payload = Val::F32(f32::from_bits(0x7FC0_1234));
        assert!(same_val(&quiet, &payload, &mut masks));
        assert_eq!(masks.0.get(&Divergence::NanPayload), Some(&1));
        assert!(same_val(&quiet, &quiet, &mut masks));
        assert_eq!(masks.0.get(&Divergence::NanPayload), Some(&1), "equal bits need no mask");
    }

    #[test]
    fn negative_zero_and_other_floats_must_match_bit_for_bit() {
        let mut masks = MaskCounts::default();
        assert!(!same_val(&Val::F64(-0.0), &Val::F64(0.0), &mut masks));
        assert!(!same_val(&Val::F32(1.0), &Val::F32(f32::NAN), &mut masks));
        let nested = |x: f64| Val::List(vec![Val::Option(Some(Box::new(Val::F64(x))))]);
        assert!(!same_val(&nested(-0.0), &nested(0.0), &mut masks));
        assert!(masks.0.is_empty());
    }

    #[test]
    fn trap_order_mask_applies_only_to_cases_that_have_both_faults() {
        let mut masks = MaskCounts::default();
        let both = CaseFacts { bad_result_and_kept_borrow: true, ..CaseFacts::default() };
        let wasmtime = Some(TrapClass::BorrowOutstanding);
        assert!(!same_trap_class(TrapClass::Discriminant, wasmtime, CaseFacts::default(), &mut masks));
        assert!(same_trap_class(TrapClass::Discriminant, wasmtime, both, &mut masks));
        assert!(!same_trap_class(TrapClass::Discriminant, Some(TrapClass::Handle), both, &mut masks));
        assert_eq!(masks.0.get(&Divergence::BorrowCheckedBeforeResult), Some(&1));
    }

    #[test]
    fn lend_mask_applies_only_to_a_borrow_handle_lent_then_moved() {
        let mut masks = MaskCounts::default();
        let facts = CaseFacts { borrow_handle_lent_then_moved: true, ..CaseFacts::default() };
        let wasmtime = Some(TrapClass::Handle);
        assert!(!same_trap_class(TrapClass::Lend, wasmtime, CaseFacts::default(), &mut masks));
        assert!(!same_trap_class(TrapClass::Bounds, wasmtime, facts, &mut masks));
        assert!(same_trap_class(TrapClass::Lend, wasmtime, facts, &mut masks));
        assert_eq!(masks.0.get(&Divergence::BorrowHandleLendUncounted), Some(&1));
    }

    #[test]
    fn post_return_mask_applies_only_to_a_composition_whose_post_return_leaves() {
        let mut masks = MaskCounts::default();
        let facts = CaseFacts { post_return_leaves_in_adapter: true, ..CaseFacts::default() };
        let wasmtime = Some(TrapClass::Handle);
        assert!(!same_trap_class(TrapClass::MayLeave, wasmtime, CaseFacts::default(), &mut masks));
        assert!(!same_trap_class(TrapClass::Bounds, wasmtime, facts, &mut masks));
        assert!(same_trap_class(TrapClass::MayLeave, wasmtime, facts, &mut masks));
        assert_eq!(masks.0.get(&Divergence::PostReturnMayLeaveInAdapter), Some(&1));
    }
}
