//! The typed fast path: Rust types that lift and lower straight between core values, guest memory
//! and themselves, with no `Val` in between. Whether a Rust type fits a WIT type is checked once,
//! when a function is bound; the call path only moves values.

use crate::abi::{
    FlatDst, FlatSrc, Lifter, Lowerer, bad_case, char_of, coerce_from_joined, coerce_to_joined, f32_of, f64_of,
};
use crate::engine::CoreVal;
use crate::trap::{Trap, TrapClass, trap};
use crate::types::{AbiKind, TypeIdx, Types, VariantLayout};
use crate::val::Val;

/// A Rust type that can stand for a WIT type.
pub trait WitType {
    /// Whether lifting and lowering this type never reads the `TypeIdx` it is given: its layout
    /// is all in the Rust type. A record whose fields are all static is lifted and lowered
    /// without looking anything up in the world's arena.
    const STATIC: bool = false;

    /// Whether `Self` fits the arena type `ty`; the error says how it does not.
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String>;

    /// Fits an optional payload: `()` fits "no payload", every other type needs one.
    fn check_payload(types: &Types, ty: Option<TypeIdx>) -> Result<(), String> {
        match ty {
            Some(ty) => Self::check(types, ty),
            None => Err("the WIT case has no payload".into()),
        }
    }
}

/// Lifting out of the guest.
pub trait Lift: WitType + Sized {
    #[doc(hidden)]
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap>;
    #[doc(hidden)]
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap>;
    /// A whole list, already checked for alignment and bounds; bytes override this with a copy.
    #[doc(hidden)]
    fn load_list(cx: &mut Lifter<'_>, elem: TypeIdx, ptr: u32, len: u32) -> Result<Vec<Self>, Trap> {
        let size = cx.types.get(elem).size;
        (0..len).map(|i| Self::load(cx, elem, ptr + i * size)).collect()
    }
    /// For payloads: `()` lifts from nothing.
    #[doc(hidden)]
    fn lift_payload_flat(cx: &mut Lifter<'_>, ty: Option<TypeIdx>, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Self::lift_flat(cx, ty.ok_or_else(no_payload)?, src)
    }
    #[doc(hidden)]
    fn load_payload(cx: &mut Lifter<'_>, ty: Option<TypeIdx>, ptr: u32) -> Result<Self, Trap> {
        Self::load(cx, ty.ok_or_else(no_payload)?, ptr)
    }
}

/// Lowering into the guest.
pub trait Lower: WitType {
    #[doc(hidden)]
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap>;
    #[doc(hidden)]
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap>;
    /// A whole list into a buffer already allocated; bytes override this with a copy.
    #[doc(hidden)]
    fn store_list<U>(items: &[Self], cx: &mut Lowerer<'_, U>, elem: TypeIdx, ptr: u32) -> Result<(), Trap>
    where
        Self: Sized,
    {
        let size = cx.types.get(elem).size;
        items.iter().enumerate().try_for_each(|(i, v)| v.store(cx, elem, ptr + i as u32 * size))
    }
    #[doc(hidden)]
    fn lower_payload_flat<U>(
        &self,
        cx: &mut Lowerer<'_, U>,
        ty: Option<TypeIdx>,
        dst: &mut FlatDst,
    ) -> Result<(), Trap> {
        self.lower_flat(cx, ty.ok_or_else(no_payload)?, dst)
    }
    #[doc(hidden)]
    fn store_payload<U>(&self, cx: &mut Lowerer<'_, U>, ty: Option<TypeIdx>, ptr: u32) -> Result<(), Trap> {
        self.store(cx, ty.ok_or_else(no_payload)?, ptr)
    }
}

fn no_payload() -> Trap {
    trap(TrapClass::Host, "a typed payload where the WIT case has none")
}

pub(crate) fn expect(types: &Types, ty: TypeIdx, ok: bool, rust: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(format!("the Rust type {rust} does not fit the WIT type {}", types.get(ty).name)) }
}

macro_rules! scalar {
    ($rust:ty, $kind:ident, $n:literal, |$v:ident| $from:expr, |$s:ident| $to:expr) => {
        impl WitType for $rust {
            const STATIC: bool = true;
            fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
                expect(types, ty, matches!(types.get(ty).kind, AbiKind::$kind), stringify!($rust))
            }
        }
        impl Lift for $rust {
            #[inline(always)]
            fn lift_flat(_: &mut Lifter<'_>, _: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
                let $v = src.next()?;
                Ok($from)
            }
            #[inline(always)]
            fn load(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32) -> Result<Self, Trap> {
                Ok(<$rust>::from_le_bytes(cx.read::<$n>(ptr)?))
            }
        }
        impl Lower for $rust {
            #[inline(always)]
            fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
                let $s = *self;
                dst.push($to)
            }
            #[inline(always)]
            fn store<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
                cx.write(ptr, &self.to_le_bytes())
            }
        }
    };
}

scalar!(i8, S8, 1, |v| v.i32() as i8, |s| CoreVal::I32(s as i32));
scalar!(i16, S16, 2, |v| v.i32() as i16, |s| CoreVal::I32(s as i32));
scalar!(i32, S32, 4, |v| v.i32(), |s| CoreVal::I32(s));
scalar!(u16, U16, 2, |v| v.i32() as u16, |s| CoreVal::I32(s as i32));
scalar!(u32, U32, 4, |v| v.i32() as u32, |s| CoreVal::I32(s as i32));
scalar!(i64, S64, 8, |v| v.i64(), |s| CoreVal::I64(s));
scalar!(u64, U64, 8, |v| v.i64() as u64, |s| CoreVal::I64(s as i64));
scalar!(f32, F32, 4, |v| f32_of(v), |s| CoreVal::F32(s.to_bits()));
scalar!(f64, F64, 8, |v| f64_of(v), |s| CoreVal::F64(s.to_bits()));

impl WitType for u8 {
    const STATIC: bool = true;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, matches!(types.get(ty).kind, AbiKind::U8), "u8")
    }
}

impl Lift for u8 {
    fn lift_flat(_: &mut Lifter<'_>, _: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Ok(src.next()?.i32() as u8)
    }
    fn load(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        Ok(cx.read::<1>(ptr)?[0])
    }
    fn load_list(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32, len: u32) -> Result<Vec<Self>, Trap> {
        Ok(cx.mem[ptr as usize..ptr as usize + len as usize].to_vec())
    }
}

impl Lower for u8 {
    fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        dst.push(CoreVal::I32(*self as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.write(ptr, &[*self])
    }
    fn store_list<U>(items: &[Self], cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.write(ptr, items)
    }
}

impl WitType for bool {
    const STATIC: bool = true;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, matches!(types.get(ty).kind, AbiKind::Bool), "bool")
    }
}

impl Lift for bool {
    fn lift_flat(_: &mut Lifter<'_>, _: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Ok(src.next()?.i32() != 0)
    }
    fn load(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        Ok(cx.read::<1>(ptr)?[0] != 0)
    }
}

impl Lower for bool {
    fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        dst.push(CoreVal::I32(*self as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.write(ptr, &[*self as u8])
    }
}

impl WitType for char {
    const STATIC: bool = true;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, matches!(types.get(ty).kind, AbiKind::Char), "char")
    }
}

impl Lift for char {
    fn lift_flat(_: &mut Lifter<'_>, _: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        char_of(src.next()?.i32() as u32)
    }
    fn load(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        char_of(cx.u32_at(ptr)?)
    }
}

impl Lower for char {
    fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        dst.push(CoreVal::I32(*self as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.write(ptr, &(*self as u32).to_le_bytes())
    }
}

impl WitType for String {
    const STATIC: bool = true;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, matches!(types.get(ty).kind, AbiKind::String), "String")
    }
}

impl Lift for String {
    fn lift_flat(cx: &mut Lifter<'_>, _: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let (ptr, len) = (src.next()?.i32() as u32, src.next()?.i32() as u32);
        cx.string(ptr, len)
    }
    fn load(cx: &mut Lifter<'_>, _: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let (begin, len) = (cx.u32_at(ptr)?, cx.u32_at(ptr + 4)?);
        cx.string(begin, len)
    }
}

impl Lower for String {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        self.as_str().lower_flat(cx, ty, dst)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        self.as_str().store(cx, ty, ptr)
    }
}

impl WitType for str {
    const STATIC: bool = true;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        <String as WitType>::check(types, ty)
    }
}

impl Lower for str {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let (ptr, units) = cx.string(self)?;
        dst.push(CoreVal::I32(ptr as i32))?;
        dst.push(CoreVal::I32(units as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, _: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let (begin, units) = cx.string(self)?;
        cx.write(ptr, &begin.to_le_bytes())?;
        cx.write(ptr + 4, &units.to_le_bytes())
    }
}

/// A reference lowers as what it refers to: `&str`, `&[T]` and `&Record` are what a host passes
/// to an export without giving up its own copy.
impl<T: WitType + ?Sized> WitType for &T {
    const STATIC: bool = T::STATIC;
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        T::check(types, ty)
    }
    fn check_payload(types: &Types, ty: Option<TypeIdx>) -> Result<(), String> {
        T::check_payload(types, ty)
    }
}

impl<T: Lower + ?Sized> Lower for &T {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        (**self).lower_flat(cx, ty, dst)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        (**self).store(cx, ty, ptr)
    }
    fn lower_payload_flat<U>(
        &self,
        cx: &mut Lowerer<'_, U>,
        ty: Option<TypeIdx>,
        dst: &mut FlatDst,
    ) -> Result<(), Trap> {
        (**self).lower_payload_flat(cx, ty, dst)
    }
    fn store_payload<U>(&self, cx: &mut Lowerer<'_, U>, ty: Option<TypeIdx>, ptr: u32) -> Result<(), Trap> {
        (**self).store_payload(cx, ty, ptr)
    }
}

fn list_elem(types: &Types, ty: TypeIdx) -> Option<TypeIdx> {
    match types.get(ty).kind {
        AbiKind::List(e) => Some(e),
        _ => None,
    }
}

impl<E: WitType> WitType for Vec<E> {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        match list_elem(types, ty) {
            Some(e) => E::check(types, e),
            None => expect(types, ty, false, "Vec"),
        }
    }
}

impl<E: Lift> Lift for Vec<E> {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let (ptr, len) = (src.next()?.i32() as u32, src.next()?.i32() as u32);
        lift_list(cx, ty, ptr, len)
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let (begin, len) = (cx.u32_at(ptr)?, cx.u32_at(ptr + 4)?);
        lift_list(cx, ty, begin, len)
    }
}

fn lift_list<E: Lift>(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32, len: u32) -> Result<Vec<E>, Trap> {
    let elem = list_elem(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a list type"))?;
    cx.check_list(elem, ptr, len)?;
    E::load_list(cx, elem, ptr, len)
}

impl<E: WitType> WitType for [E] {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        match list_elem(types, ty) {
            Some(e) => E::check(types, e),
            None => expect(types, ty, false, "slice"),
        }
    }
}

/// A borrowed slice lowers like a `Vec`, without the host copying it first.
impl<E: Lower + Sized> Lower for [E] {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let ptr = lower_list(self, cx, ty)?;
        dst.push(CoreVal::I32(ptr as i32))?;
        dst.push(CoreVal::I32(self.len() as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let begin = lower_list(self, cx, ty)?;
        cx.write(ptr, &begin.to_le_bytes())?;
        cx.write(ptr + 4, &(self.len() as u32).to_le_bytes())
    }
}

impl<E: Lower + Sized> Lower for Vec<E> {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let ptr = lower_list(self, cx, ty)?;
        dst.push(CoreVal::I32(ptr as i32))?;
        dst.push(CoreVal::I32(self.len() as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let begin = lower_list(self, cx, ty)?;
        cx.write(ptr, &begin.to_le_bytes())?;
        cx.write(ptr + 4, &(self.len() as u32).to_le_bytes())
    }
}

fn lower_list<E: Lower, U>(items: &[E], cx: &mut Lowerer<'_, U>, ty: TypeIdx) -> Result<u32, Trap> {
    let elem = list_elem(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a list type"))?;
    let ptr = cx.alloc_list(elem, items.len())?;
    E::store_list(items, cx, elem, ptr)?;
    Ok(ptr)
}

/// A Rust array stands for a WIT fixed-length list of as many elements.
impl<E: WitType, const N: usize> WitType for [E; N] {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        match types.get(ty).kind {
            AbiKind::FixedList(e, n) if n as usize == N => E::check(types, e),
            _ => expect(types, ty, false, &format!("[_; {N}]")),
        }
    }
}

fn fixed_elem(types: &Types, ty: TypeIdx) -> Result<(TypeIdx, u32), Trap> {
    match types.get(ty).kind {
        AbiKind::FixedList(e, _) => Ok((e, types.get(e).size)),
        _ => Err(trap(TrapClass::Host, "not a fixed-length list type")),
    }
}

fn collect_array<E, const N: usize>(items: Vec<E>) -> Result<[E; N], Trap> {
    items.try_into().map_err(|_| trap(TrapClass::Host, "a fixed-length list of the wrong length"))
}

impl<E: Lift, const N: usize> Lift for [E; N] {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let (elem, _) = fixed_elem(cx.types, ty)?;
        collect_array((0..N).map(|_| E::lift_flat(cx, elem, src)).collect::<Result<Vec<_>, _>>()?)
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let (elem, size) = fixed_elem(cx.types, ty)?;
        collect_array((0..N as u32).map(|i| E::load(cx, elem, ptr + i * size)).collect::<Result<Vec<_>, _>>()?)
    }
}

impl<E: Lower, const N: usize> Lower for [E; N] {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let (elem, _) = fixed_elem(cx.types, ty)?;
        self.iter().try_for_each(|v| v.lower_flat(cx, elem, dst))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let (elem, size) = fixed_elem(cx.types, ty)?;
        self.iter().enumerate().try_for_each(|(i, v)| v.store(cx, elem, ptr + i as u32 * size))
    }
}

fn layout(types: &Types, ty: TypeIdx) -> Option<&VariantLayout> {
    match &types.get(ty).kind {
        AbiKind::Option(l) | AbiKind::Result(l) => Some(l),
        _ => None,
    }
}

impl<T: WitType> WitType for Option<T> {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        match &types.get(ty).kind {
            AbiKind::Option(l) => T::check_payload(types, l.cases[1].1),
            _ => expect(types, ty, false, "Option"),
        }
    }
}

impl<O: WitType, E: WitType> WitType for Result<O, E> {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        match &types.get(ty).kind {
            AbiKind::Result(l) => {
                O::check_payload(types, l.cases[0].1)?;
                E::check_payload(types, l.cases[1].1)
            }
            _ => expect(types, ty, false, "Result"),
        }
    }
}

/// Lifts the payload of `case` from the joined flat slots of a variant.
pub(crate) fn lift_case_flat<P: Lift>(
    cx: &mut Lifter<'_>,
    ty: TypeIdx,
    payload: Option<TypeIdx>,
    src: &mut FlatSrc<'_>,
) -> Result<P, Trap> {
    let types = cx.types;
    let joined = types.get(ty).flat.as_ref().map_or(0, |f| f.len() - 1);
    let mut coerced = [CoreVal::I32(0); 16];
    let wanted = payload.map_or(&[][..], |p| types.get(p).flat.as_deref().unwrap_or(&[]));
    if wanted.len() > coerced.len() {
        return Err(trap(TrapClass::Host, "a variant payload too large to pass flat"));
    }
    for (slot, want) in wanted.iter().enumerate() {
        coerced[slot] = coerce_from_joined(src.next()?, *want);
    }
    for _ in wanted.len()..joined {
        src.next()?;
    }
    P::lift_payload_flat(cx, payload, &mut FlatSrc::new(&coerced[..wanted.len()]))
}

fn skip_joined(cx: &Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<(), Trap> {
    let joined = cx.types.get(ty).flat.as_ref().map_or(0, |f| f.len() - 1);
    (0..joined).try_for_each(|_| src.next().map(|_| ()))
}

pub(crate) fn lower_case_flat<P: Lower, U>(
    value: &P,
    cx: &mut Lowerer<'_, U>,
    ty: TypeIdx,
    payload: Option<TypeIdx>,
    dst: &mut FlatDst,
) -> Result<(), Trap> {
    let joined = cx.types.get(ty).flat.clone().unwrap_or_default();
    let mut inner = FlatDst::new();
    value.lower_payload_flat(cx, payload, &mut inner)?;
    let produced = inner.as_slice();
    for (i, want) in joined[1..].iter().enumerate() {
        dst.push(produced.get(i).map_or(CoreVal::zero(*want), |have| coerce_to_joined(*have, *want)))?;
    }
    Ok(())
}

fn fill_joined<U>(cx: &Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
    let joined = cx.types.get(ty).flat.clone().unwrap_or_default();
    joined[1..].iter().try_for_each(|want| dst.push(CoreVal::zero(*want)))
}

fn load_case(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<(u32, VariantLayout), Trap> {
    let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a variant type"))?.clone();
    let case = match l.disc_size {
        1 => cx.read::<1>(ptr)?[0] as u32,
        2 => u16::from_le_bytes(cx.read(ptr)?) as u32,
        _ => cx.u32_at(ptr)?,
    };
    if case as usize >= l.cases.len() {
        return Err(bad_case(case, &l));
    }
    Ok((case, l))
}

impl<T: Lift> Lift for Option<T> {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not an option"))?;
        let some = l.cases[1].1;
        match src.next()?.i32() as u32 {
            0 => skip_joined(cx, ty, src).map(|()| None),
            1 => lift_case_flat(cx, ty, some, src).map(Some),
            case => Err(bad_case(case, layout(cx.types, ty).expect("checked"))),
        }
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let (case, l) = load_case(cx, ty, ptr)?;
        if case == 0 { Ok(None) } else { T::load_payload(cx, l.cases[1].1, ptr + l.payload_offset).map(Some) }
    }
}

impl<T: Lower> Lower for Option<T> {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let some = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not an option"))?.cases[1].1;
        match self {
            None => {
                dst.push(CoreVal::I32(0))?;
                fill_joined(cx, ty, dst)
            }
            Some(v) => {
                dst.push(CoreVal::I32(1))?;
                lower_case_flat(v, cx, ty, some, dst)
            }
        }
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not an option"))?.clone();
        match self {
            None => cx.write(ptr, &[0]),
            Some(v) => {
                cx.write(ptr, &[1])?;
                v.store_payload(cx, l.cases[1].1, ptr + l.payload_offset)
            }
        }
    }
}

impl<O: Lift, E: Lift> Lift for Result<O, E> {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a result"))?;
        let (ok, err) = (l.cases[0].1, l.cases[1].1);
        match src.next()?.i32() as u32 {
            0 => lift_case_flat(cx, ty, ok, src).map(Ok),
            1 => lift_case_flat(cx, ty, err, src).map(Err),
            case => Err(bad_case(case, layout(cx.types, ty).expect("checked"))),
        }
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let (case, l) = load_case(cx, ty, ptr)?;
        let at = ptr + l.payload_offset;
        if case == 0 {
            O::load_payload(cx, l.cases[0].1, at).map(Ok)
        } else {
            E::load_payload(cx, l.cases[1].1, at).map(Err)
        }
    }
}

impl<O: Lower, E: Lower> Lower for Result<O, E> {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a result"))?;
        let (ok, err) = (l.cases[0].1, l.cases[1].1);
        match self {
            Ok(v) => {
                dst.push(CoreVal::I32(0))?;
                lower_case_flat(v, cx, ty, ok, dst)
            }
            Err(e) => {
                dst.push(CoreVal::I32(1))?;
                lower_case_flat(e, cx, ty, err, dst)
            }
        }
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let l = layout(cx.types, ty).ok_or_else(|| trap(TrapClass::Host, "not a result"))?.clone();
        let at = ptr + l.payload_offset;
        match self {
            Ok(v) => {
                cx.write(ptr, &[0])?;
                v.store_payload(cx, l.cases[0].1, at)
            }
            Err(e) => {
                cx.write(ptr, &[1])?;
                e.store_payload(cx, l.cases[1].1, at)
            }
        }
    }
}

impl WitType for () {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, false, "()")
    }
    fn check_payload(_: &Types, ty: Option<TypeIdx>) -> Result<(), String> {
        match ty {
            None => Ok(()),
            Some(_) => Err("`()` where the WIT case has a payload".into()),
        }
    }
}

impl Lift for () {
    fn lift_flat(_: &mut Lifter<'_>, _: TypeIdx, _: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Ok(())
    }
    fn load(_: &mut Lifter<'_>, _: TypeIdx, _: u32) -> Result<Self, Trap> {
        Ok(())
    }
    fn lift_payload_flat(_: &mut Lifter<'_>, _: Option<TypeIdx>, _: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Ok(())
    }
    fn load_payload(_: &mut Lifter<'_>, _: Option<TypeIdx>, _: u32) -> Result<Self, Trap> {
        Ok(())
    }
}

impl Lower for () {
    fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, _: &mut FlatDst) -> Result<(), Trap> {
        Ok(())
    }
    fn store<U>(&self, _: &mut Lowerer<'_, U>, _: TypeIdx, _: u32) -> Result<(), Trap> {
        Ok(())
    }
    fn lower_payload_flat<U>(&self, _: &mut Lowerer<'_, U>, _: Option<TypeIdx>, _: &mut FlatDst) -> Result<(), Trap> {
        Ok(())
    }
    fn store_payload<U>(&self, _: &mut Lowerer<'_, U>, _: Option<TypeIdx>, _: u32) -> Result<(), Trap> {
        Ok(())
    }
}

/// The fields of a WIT record or tuple, which a Rust tuple of the same arity stands for.
fn fields(types: &Types, ty: TypeIdx) -> Option<&[crate::types::Field]> {
    match &types.get(ty).kind {
        AbiKind::Record(f) | AbiKind::Tuple(f) => Some(f),
        _ => None,
    }
}

macro_rules! tuple {
    ($n:literal; $($t:ident $i:tt),+) => {
        /// A Rust tuple stands for a WIT tuple or record with as many fields, in order.
        impl<$($t: WitType),+> WitType for ($($t,)+) {
            #[inline(always)]
            fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
                match fields(types, ty) {
                    Some(f) if f.len() == $n => { $($t::check(types, f[$i].ty)?;)+ Ok(()) }
                    _ => expect(types, ty, false, concat!("a tuple of ", $n)),
                }
            }
        }
        impl<$($t: Lift),+> Lift for ($($t,)+) {
            #[inline(always)]
            fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
                let types = cx.types;
                let f = fields(types, ty).ok_or_else(|| trap(TrapClass::Host, "not a record"))?;
                Ok(($($t::lift_flat(cx, f[$i].ty, src)?,)+))
            }
            #[inline(always)]
            fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
                let types = cx.types;
                let f = fields(types, ty).ok_or_else(|| trap(TrapClass::Host, "not a record"))?;
                Ok(($($t::load(cx, f[$i].ty, ptr + f[$i].offset)?,)+))
            }
        }
        impl<$($t: Lower),+> Lower for ($($t,)+) {
            #[inline(always)]
            fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
                let types = cx.types;
                let f = fields(types, ty).ok_or_else(|| trap(TrapClass::Host, "not a record"))?;
                $(self.$i.lower_flat(cx, f[$i].ty, dst)?;)+
                Ok(())
            }
            #[inline(always)]
            fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
                let types = cx.types;
                let f = fields(types, ty).ok_or_else(|| trap(TrapClass::Host, "not a record"))?;
                $(self.$i.store(cx, f[$i].ty, ptr + f[$i].offset)?;)+
                Ok(())
            }
        }
        impl<$($t: Lift),+> LiftParams for ($($t,)+) {
            #[inline(always)]
            fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String> {
                if params.len() != $n {
                    return Err(format!("the function takes {} parameters, the Rust type {}", params.len(), $n));
                }
                $($t::check(types, params[$i])?;)+
                Ok(())
            }
            #[inline(always)]
            fn lift_flat(cx: &mut Lifter<'_>, params: &[TypeIdx], src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
                Ok(($($t::lift_flat(cx, params[$i], src)?,)+))
            }
            #[inline(always)]
            fn load(cx: &mut Lifter<'_>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<Self, Trap> {
                Ok(($($t::load(cx, params[$i], ptr + offsets[$i])?,)+))
            }
        }
        impl<$($t: Lower),+> LowerParams for ($($t,)+) {
            #[inline(always)]
            fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String> {
                if params.len() != $n {
                    return Err(format!("the function takes {} parameters, the Rust type {}", params.len(), $n));
                }
                $($t::check(types, params[$i])?;)+
                Ok(())
            }
            #[inline(always)]
            fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], dst: &mut FlatDst) -> Result<(), Trap> {
                $(self.$i.lower_flat(cx, params[$i], dst)?;)+
                Ok(())
            }
            #[inline(always)]
            fn store<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<(), Trap> {
                $(self.$i.store(cx, params[$i], ptr + offsets[$i])?;)+
                Ok(())
            }
        }
    };
}

/// A function's parameter list, lifted.
pub trait LiftParams: Sized {
    fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String>;
    #[doc(hidden)]
    fn lift_flat(cx: &mut Lifter<'_>, params: &[TypeIdx], src: &mut FlatSrc<'_>) -> Result<Self, Trap>;
    #[doc(hidden)]
    fn load(cx: &mut Lifter<'_>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<Self, Trap>;
}

/// A function's parameter list, lowered.
pub trait LowerParams {
    fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String>;
    #[doc(hidden)]
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], dst: &mut FlatDst) -> Result<(), Trap>;
    #[doc(hidden)]
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<(), Trap>;
}

impl LiftParams for () {
    fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String> {
        let _ = types;
        if params.is_empty() {
            Ok(())
        } else {
            Err(format!("the function takes {} parameters, the Rust type 0", params.len()))
        }
    }
    fn lift_flat(_: &mut Lifter<'_>, _: &[TypeIdx], _: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        Ok(())
    }
    fn load(_: &mut Lifter<'_>, _: &[TypeIdx], _: &[u32], _: u32) -> Result<Self, Trap> {
        Ok(())
    }
}

impl LowerParams for () {
    fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String> {
        <() as LiftParams>::check(types, params)
    }
    fn lower_flat<U>(&self, _: &mut Lowerer<'_, U>, _: &[TypeIdx], _: &mut FlatDst) -> Result<(), Trap> {
        Ok(())
    }
    fn store<U>(&self, _: &mut Lowerer<'_, U>, _: &[TypeIdx], _: &[u32], _: u32) -> Result<(), Trap> {
        Ok(())
    }
}

tuple!(1; A 0);
tuple!(2; A 0, B 1);
tuple!(3; A 0, B 1, C 2);
tuple!(4; A 0, B 1, C 2, D 3);
tuple!(5; A 0, B 1, C 2, D 3, E 4);
tuple!(6; A 0, B 1, C 2, D 3, E 4, F 5);
tuple!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple!(9; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple!(10; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple!(11; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple!(12; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// A function's result, as the host sees it: `()` for none.
pub trait ResultType: Sized {
    fn check_result(types: &Types, result: Option<TypeIdx>) -> Result<(), String>;
}

impl<R: WitType> ResultType for R {
    fn check_result(types: &Types, result: Option<TypeIdx>) -> Result<(), String> {
        R::check_payload(types, result).map_err(|e| format!("result: {e}"))
    }
}

/// `Val` is the dynamic end of the typed path: it fits every WIT type (values are type-checked
/// one by one where they enter), and lifts and lowers through the arena.
impl WitType for Val {
    fn check(_: &Types, _: TypeIdx) -> Result<(), String> {
        Ok(())
    }
}

impl Lift for Val {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        cx.lift_flat(ty, src)
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        cx.load(ty, ptr)
    }
}

impl Lower for Val {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        cx.lower_flat(self, ty, dst)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.store(self, ty, ptr)
    }
}

/// A dynamic result: a value, or none for a function without one.
#[derive(Clone, Debug, PartialEq)]
pub struct MaybeVal(pub Option<Val>);

impl WitType for MaybeVal {
    fn check(_: &Types, _: TypeIdx) -> Result<(), String> {
        Ok(())
    }
    fn check_payload(_: &Types, _: Option<TypeIdx>) -> Result<(), String> {
        Ok(())
    }
}

impl Lift for MaybeVal {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        cx.lift_flat(ty, src).map(|v| MaybeVal(Some(v)))
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        cx.load(ty, ptr).map(|v| MaybeVal(Some(v)))
    }
    fn lift_payload_flat(cx: &mut Lifter<'_>, ty: Option<TypeIdx>, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        match ty {
            Some(ty) => Self::lift_flat(cx, ty, src),
            None => Ok(MaybeVal(None)),
        }
    }
    fn load_payload(cx: &mut Lifter<'_>, ty: Option<TypeIdx>, ptr: u32) -> Result<Self, Trap> {
        match ty {
            Some(ty) => Self::load(cx, ty, ptr),
            None => Ok(MaybeVal(None)),
        }
    }
}

impl Lower for MaybeVal {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        match &self.0 {
            Some(v) => cx.lower_flat(v, ty, dst),
            None => Err(trap(TrapClass::Host, "no value where the function has a result")),
        }
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        match &self.0 {
            Some(v) => cx.store(v, ty, ptr),
            None => Err(trap(TrapClass::Host, "no value where the function has a result")),
        }
    }
}

/// A dynamic parameter list being lowered.
pub struct Vals<'a>(pub &'a [Val]);

impl LowerParams for Vals<'_> {
    fn check(_: &Types, _: &[TypeIdx]) -> Result<(), String> {
        Ok(())
    }
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], dst: &mut FlatDst) -> Result<(), Trap> {
        self.0.iter().zip(params).try_for_each(|(v, ty)| cx.lower_flat(v, *ty, dst))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<(), Trap> {
        self.0.iter().zip(params).zip(offsets).try_for_each(|((v, ty), off)| cx.store(v, *ty, ptr + off))
    }
}

/// A dynamic parameter list being lifted.
impl LiftParams for Vec<Val> {
    fn check(_: &Types, _: &[TypeIdx]) -> Result<(), String> {
        Ok(())
    }
    fn lift_flat(cx: &mut Lifter<'_>, params: &[TypeIdx], src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        params.iter().map(|ty| cx.lift_flat(*ty, src)).collect()
    }
    fn load(cx: &mut Lifter<'_>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<Self, Trap> {
        params.iter().zip(offsets).map(|(ty, off)| cx.load(*ty, ptr + off)).collect()
    }
}

/// A handle: `own<r>` or `borrow<r>` of any resource type (the type is in the value).
impl WitType for crate::val::ResourceAny {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        expect(types, ty, matches!(types.get(ty).kind, AbiKind::Own(_) | AbiKind::Borrow(_)), "Resource")
    }
}

impl Lift for crate::val::ResourceAny {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        match cx.lift_flat(ty, src)? {
            Val::Own(r) | Val::Borrow(r) => Ok(r),
            _ => Err(trap(TrapClass::Host, "not a handle type")),
        }
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        match cx.load(ty, ptr)? {
            Val::Own(r) | Val::Borrow(r) => Ok(r),
            _ => Err(trap(TrapClass::Host, "not a handle type")),
        }
    }
}

impl Lower for crate::val::ResourceAny {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        cx.lower_flat(&handle_val(cx.types, ty, *self), ty, dst)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        cx.store(&handle_val(cx.types, ty, *self), ty, ptr)
    }
}

fn handle_val(types: &Types, ty: TypeIdx, r: crate::val::ResourceAny) -> Val {
    match types.get(ty).kind {
        AbiKind::Borrow(_) => Val::Borrow(r),
        _ => Val::Own(r),
    }
}
