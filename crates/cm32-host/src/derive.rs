//! What the types `bindgen!` generates call to lift and lower themselves: records, variants,
//! enums and flags, with their layout read from the world's arena and every check a lift makes
//! (discriminants in range, flag bits). Generated code calls only these, so the rules stay here.

use crate::abi::{FlatDst, FlatSrc, Lifter, Lowerer, bad_case};
use crate::engine::CoreVal;
use crate::trap::{Trap, TrapClass, trap};
use crate::typed::{Lift, Lower, lift_case_flat, lower_case_flat};
use crate::types::{AbiKind, Field, TypeIdx, Types, VariantLayout};

/// Which WIT type a generated Rust enum stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseKind {
    Variant,
    Enum,
}

fn mismatch(types: &Types, ty: TypeIdx, rust: &str, what: &str) -> String {
    format!("the Rust type {rust} ({what}) does not fit the WIT type {}", types.get(ty).name)
}

fn same_names<'a>(have: impl ExactSizeIterator<Item = &'a str>, want: &[&str]) -> bool {
    have.len() == want.len() && have.zip(want).all(|(h, w)| h == *w)
}

/// Checks that `ty` is a record with exactly these fields, in order; gives its fields.
pub fn check_record<'t>(types: &'t Types, ty: TypeIdx, rust: &str, names: &[&str]) -> Result<&'t [Field], String> {
    match &types.get(ty).kind {
        AbiKind::Record(fields) if same_names(fields.iter().map(|f| f.name.as_str()), names) => Ok(fields),
        _ => Err(mismatch(types, ty, rust, &format!("a record of {}", names.join(", ")))),
    }
}

/// Checks that `ty` is a variant (or enum) with exactly these cases, in order; gives its cases.
pub fn check_cases<'t>(
    types: &'t Types,
    ty: TypeIdx,
    kind: CaseKind,
    rust: &str,
    names: &[&str],
) -> Result<&'t [(String, Option<TypeIdx>)], String> {
    let layout = match (&types.get(ty).kind, kind) {
        (AbiKind::Variant(l), CaseKind::Variant) | (AbiKind::Enum(l), CaseKind::Enum) => Some(l),
        _ => None,
    };
    match layout {
        Some(l) if same_names(l.cases.iter().map(|(n, _)| n.as_str()), names) => Ok(&l.cases),
        _ => Err(mismatch(types, ty, rust, &format!("cases {}", names.join(", ")))),
    }
}

/// Checks that `ty` is a flags type with exactly these flags, in order.
pub fn check_flags(types: &Types, ty: TypeIdx, rust: &str, names: &[&str]) -> Result<(), String> {
    match &types.get(ty).kind {
        AbiKind::Flags(have) if same_names(have.iter().map(|n| n.as_str()), names) => Ok(()),
        _ => Err(mismatch(types, ty, rust, &format!("flags {}", names.join(", ")))),
    }
}

/// The `N` fields of the record `ty`.
pub fn fields<const N: usize>(types: &Types, ty: TypeIdx) -> Result<&[Field; N], Trap> {
    match &types.get(ty).kind {
        AbiKind::Record(fields) => {
            fields.as_slice().try_into().map_err(|_| trap(TrapClass::Host, "a record with another number of fields"))
        }
        _ => Err(trap(TrapClass::Host, "not a record type")),
    }
}

fn cases(types: &Types, ty: TypeIdx) -> Result<&VariantLayout, Trap> {
    match &types.get(ty).kind {
        AbiKind::Variant(l) | AbiKind::Enum(l) => Ok(l),
        _ => Err(trap(TrapClass::Host, "not a variant or enum type")),
    }
}

fn payload(layout: &VariantLayout, case: u32) -> Result<Option<TypeIdx>, Trap> {
    layout.cases.get(case as usize).map(|(_, p)| *p).ok_or_else(|| bad_case(case, layout))
}

/// The trap for a case the generated type does not have (a discriminant out of range).
pub fn no_case(types: &Types, ty: TypeIdx, case: u32) -> Trap {
    match cases(types, ty) {
        Ok(layout) => bad_case(case, layout),
        Err(t) => t,
    }
}

/// Reads the discriminant of a flat variant or enum, checked against its cases.
pub fn lift_case(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<u32, Trap> {
    let case = src.next()?.i32() as u32;
    payload(cases(cx.types(), ty)?, case)?;
    Ok(case)
}

/// Lifts the payload of `case` (`()` for none) from the variant's joined flat slots.
pub fn lift_payload<P: Lift>(cx: &mut Lifter<'_>, ty: TypeIdx, case: u32, src: &mut FlatSrc<'_>) -> Result<P, Trap> {
    let payload = payload(cases(cx.types(), ty)?, case)?;
    lift_case_flat(cx, ty, payload, src)
}

/// Reads the discriminant of a variant or enum in memory, checked against its cases.
pub fn load_case(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<u32, Trap> {
    let layout = cases(cx.types(), ty)?;
    let case = match layout.disc_size {
        1 => cx.read::<1>(ptr)?[0] as u32,
        2 => u16::from_le_bytes(cx.read(ptr)?) as u32,
        _ => cx.u32_at(ptr)?,
    };
    payload(layout, case)?;
    Ok(case)
}

/// Loads the payload of `case` of the variant at `ptr`.
pub fn load_payload<P: Lift>(cx: &mut Lifter<'_>, ty: TypeIdx, case: u32, ptr: u32) -> Result<P, Trap> {
    let layout = cases(cx.types(), ty)?;
    let offset = layout.payload_offset;
    P::load_payload(cx, payload(layout, case)?, ptr + offset)
}

/// Lowers case `case` with its payload (`&()` for none) as flat values.
pub fn lower_case<P: Lower, U>(
    cx: &mut Lowerer<'_, U>,
    ty: TypeIdx,
    case: u32,
    value: &P,
    dst: &mut FlatDst,
) -> Result<(), Trap> {
    let payload = payload(cases(cx.types(), ty)?, case)?;
    dst.push(CoreVal::I32(case as i32))?;
    lower_case_flat(value, cx, ty, payload, dst)
}

/// Stores case `case` with its payload at `ptr`.
pub fn store_case<P: Lower, U>(
    cx: &mut Lowerer<'_, U>,
    ty: TypeIdx,
    case: u32,
    value: &P,
    ptr: u32,
) -> Result<(), Trap> {
    let layout = cases(cx.types(), ty)?;
    let (payload, offset) = (payload(layout, case)?, layout.payload_offset);
    let disc = case.to_le_bytes();
    cx.write(ptr, &disc[..layout.disc_size as usize])?;
    value.store_payload(cx, payload, ptr + offset)
}

fn flag_count(types: &Types, ty: TypeIdx) -> Result<usize, Trap> {
    match &types.get(ty).kind {
        AbiKind::Flags(names) => Ok(names.len()),
        _ => Err(trap(TrapClass::Host, "not a flags type")),
    }
}

/// Only the bits of flags the type has: the spec's lifting ignores the others.
fn known_bits(count: usize) -> u32 {
    if count >= 32 { u32::MAX } else { (1u32 << count) - 1 }
}

/// The bits of a flat flags value.
pub fn lift_flags(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<u32, Trap> {
    match flag_count(cx.types(), ty)? {
        0 => Ok(0),
        count => Ok(src.next()?.i32() as u32 & known_bits(count)),
    }
}

/// The bits of flags in memory (1, 2 or 4 bytes, as many as the flags need).
pub fn load_flags(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<u32, Trap> {
    let count = flag_count(cx.types(), ty)?;
    let bits = match cx.types().get(ty).size {
        0 => 0,
        1 => cx.read::<1>(ptr)?[0] as u32,
        2 => u16::from_le_bytes(cx.read(ptr)?) as u32,
        _ => cx.u32_at(ptr)?,
    };
    Ok(bits & known_bits(count))
}

pub fn lower_flags<U>(cx: &mut Lowerer<'_, U>, ty: TypeIdx, bits: u32, dst: &mut FlatDst) -> Result<(), Trap> {
    match flag_count(cx.types(), ty)? {
        0 => Ok(()),
        _ => dst.push(CoreVal::I32(bits as i32)),
    }
}

pub fn store_flags<U>(cx: &mut Lowerer<'_, U>, ty: TypeIdx, bits: u32, ptr: u32) -> Result<(), Trap> {
    let size = cx.types().get(ty).size as usize;
    cx.write(ptr, &bits.to_le_bytes()[..size.min(4)])
}
