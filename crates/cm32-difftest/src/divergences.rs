//! The one place where differences between cm32 and wasmtime's Component Model are forgiven.
//!
//! Each entry is a way wasmtime knowingly departs from the Canonical ABI as written on the
//! component-model main branch (or where the spec leaves a choice), with the reason. The
//! comparison counts every use, and the report prints the counts, so a mask that starts hiding
//! more than it should shows up. Nothing outside this file may excuse a difference.

use std::collections::BTreeMap;

use cm32_host::{TrapClass, Val};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Divergence {
    /// The spec lets a runtime canonicalise NaN or keep its payload. So NaNs are equal to each
    /// other whatever their bits; every other float (-0.0 included) must match bit for bit.
    NanPayload,
}

impl Divergence {
    pub fn name(self) -> &'static str {
        match self {
            Divergence::NanPayload => "nan-payload",
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
pub fn same_trap_class(cm32: TrapClass, wasmtime: Option<TrapClass>, _masks: &mut MaskCounts) -> bool {
    match wasmtime {
        None => true,
        Some(class) => class == cm32,
    }
}
