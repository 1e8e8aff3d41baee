//! The typed fast path: host functions whose parameters and result are scalars, strings or
//! `list<u8>`, called with a flat array of `cm32_fast` values instead of a `cm32_val` tree.
//! Scalars cross without any allocation; a string or byte list is copied once out of the guest,
//! and lent to the callback for the call.

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use cm32_host::__bindgen::{FlatDst, FlatSrc, Lifter, Lowerer};
use cm32_host::typed::{Lift, LiftParams, Lower, WitType};
use cm32_host::types::{AbiKind, TypeIdx, Types};
use cm32_host::{HostCx, Trap, TrapClass};

use crate::error::{cm32_error, guard};
use crate::linker::{CHost, Env, cm32_context, cm32_linker};
use crate::val::cm32_bytes;
use crate::world::text;

/// One value of the fast path; which member is live follows from the WIT type. `bool`, the
/// unsigned integers and `char` (its scalar value) are `u64`; the signed integers `s64`, sign
/// extended; `string` (UTF-8) and `list<u8>` are `bytes`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union cm32_fast {
    pub u64: u64,
    pub s64: i64,
    pub f32: f32,
    pub f64: f64,
    pub bytes: cm32_bytes,
}

/// A fast-path host function: `nargs` arguments (strings and bytes lent for the call), and, if
/// the WIT function has a result, `result` to fill. A string or byte result must stay valid
/// until the callback's caller has copied it into the guest, which happens before the guest
/// resumes: point it at memory the callback's `env` or the instance's user data owns. Returns
/// NULL, or an error as for `cm32_func_callback`.
pub type cm32_fast_callback = Option<
    unsafe extern "C" fn(
        env: *mut c_void,
        cx: *mut cm32_context,
        args: *const cm32_fast,
        nargs: usize,
        result: *mut cm32_fast,
    ) -> *mut cm32_error,
>;

/// The most parameters a fast-path function takes (the Canonical ABI's flat limit).
const MAX_FAST: usize = 16;

/// Whether values of `ty` can take the fast path.
fn is_fast(types: &Types, ty: TypeIdx) -> bool {
    match &types.get(ty).kind {
        AbiKind::Bool
        | AbiKind::S8
        | AbiKind::U8
        | AbiKind::S16
        | AbiKind::U16
        | AbiKind::S32
        | AbiKind::U32
        | AbiKind::S64
        | AbiKind::U64
        | AbiKind::F32
        | AbiKind::F64
        | AbiKind::Char
        | AbiKind::String => true,
        AbiKind::List(elem) => matches!(types.get(*elem).kind, AbiKind::U8),
        _ => false,
    }
}

fn why_not_fast(types: &Types, ty: TypeIdx) -> Result<(), String> {
    if is_fast(types, ty) {
        Ok(())
    } else {
        Err(format!(
            "{} does not take the fast path (only scalars, strings and list<u8> do); define it with cm32_linker_define",
            types.get(ty).name
        ))
    }
}

/// A function's arguments (at most `N`), lifted for the fast path. Functions of a few
/// parameters take a small `N`: the arguments are moved by value on their way to the callback.
struct FastArgs<const N: usize> {
    values: [cm32_fast; N],
    len: usize,
    /// The bytes of the string and byte-list arguments, which `values` point into.
    owned: Vec<Vec<u8>>,
}

/// Lifts one value of type `ty`, from flat values or from memory at `at`.
#[inline(always)]
fn lift_one(
    cx: &mut Lifter<'_>,
    ty: TypeIdx,
    src: Option<&mut FlatSrc<'_>>,
    at: u32,
    owned: &mut Vec<Vec<u8>>,
) -> Result<cm32_fast, Trap> {
    macro_rules! get {
        ($t:ty) => {
            match src {
                Some(src) => <$t as Lift>::lift_flat(cx, ty, src)?,
                None => <$t as Lift>::load(cx, ty, at)?,
            }
        };
    }
    let kind = &cx.types().get(ty).kind;
    Ok(match kind {
        AbiKind::Bool => cm32_fast { u64: get!(bool) as u64 },
        AbiKind::S8 => cm32_fast { s64: get!(i8) as i64 },
        AbiKind::U8 => cm32_fast { u64: get!(u8) as u64 },
        AbiKind::S16 => cm32_fast { s64: get!(i16) as i64 },
        AbiKind::U16 => cm32_fast { u64: get!(u16) as u64 },
        AbiKind::S32 => cm32_fast { s64: get!(i32) as i64 },
        AbiKind::U32 => cm32_fast { u64: get!(u32) as u64 },
        AbiKind::S64 => cm32_fast { s64: get!(i64) },
        AbiKind::U64 => cm32_fast { u64: get!(u64) },
        AbiKind::F32 => cm32_fast { f32: get!(f32) },
        AbiKind::F64 => cm32_fast { f64: get!(f64) },
        AbiKind::Char => cm32_fast { u64: get!(char) as u64 },
        AbiKind::String => {
            owned.push(get!(String).into_bytes());
            let last = owned.last().map(|b| cm32_bytes { ptr: b.as_ptr() as *const c_char, len: b.len() });
            cm32_fast { bytes: last.unwrap_or(cm32_bytes { ptr: std::ptr::null(), len: 0 }) }
        }
        AbiKind::List(_) => {
            owned.push(get!(Vec<u8>));
            let last = owned.last().map(|b| cm32_bytes { ptr: b.as_ptr() as *const c_char, len: b.len() });
            cm32_fast { bytes: last.unwrap_or(cm32_bytes { ptr: std::ptr::null(), len: 0 }) }
        }
        _ => return Err(Trap::new(TrapClass::Host, "a parameter the fast path does not take")),
    })
}

/// The `N` of a function's [`FastArgs`] when it has few parameters.
const FEW: usize = 4;

impl<const N: usize> LiftParams for FastArgs<N> {
    fn check(types: &Types, params: &[TypeIdx]) -> Result<(), String> {
        if params.len() > N {
            return Err(format!("{} parameters; the fast path takes at most {MAX_FAST}", params.len()));
        }
        params.iter().try_for_each(|ty| why_not_fast(types, *ty))
    }

    fn lift_flat(cx: &mut Lifter<'_>, params: &[TypeIdx], src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let mut args = FastArgs { values: [cm32_fast { u64: 0 }; N], len: params.len(), owned: Vec::new() };
        for (slot, ty) in args.values.iter_mut().zip(params) {
            *slot = lift_one(cx, *ty, Some(src), 0, &mut args.owned)?;
        }
        Ok(args)
    }

    fn load(cx: &mut Lifter<'_>, params: &[TypeIdx], offsets: &[u32], ptr: u32) -> Result<Self, Trap> {
        let mut args = FastArgs { values: [cm32_fast { u64: 0 }; N], len: params.len(), owned: Vec::new() };
        for ((slot, ty), offset) in args.values.iter_mut().zip(params).zip(offsets) {
            *slot = lift_one(cx, *ty, None, ptr + offset, &mut args.owned)?;
        }
        Ok(args)
    }
}

/// A fast-path result, lowered by the WIT type it is for.
struct FastResult(cm32_fast);

impl WitType for FastResult {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        why_not_fast(types, ty)
    }
}

/// A result's integer, checked to fit its WIT type.
fn fits<T: TryFrom<i128>>(value: i128, wit: &str) -> Result<T, Trap> {
    T::try_from(value).map_err(|_| Trap::new(TrapClass::Host, format!("the result {value} does not fit {wit}")))
}

impl FastResult {
    #[inline(always)]
    fn lower<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: Option<&mut FlatDst>, at: u32) -> Result<(), Trap> {
        macro_rules! put {
            ($v:expr) => {
                match dst {
                    Some(dst) => $v.lower_flat(cx, ty, dst),
                    None => $v.store(cx, ty, at),
                }
            };
        }
        let abi = cx.types().get(ty);
        let v = self.0;
        unsafe {
            match &abi.kind {
                AbiKind::Bool => put!(v.u64 != 0),
                AbiKind::S8 => put!(fits::<i8>(v.s64 as i128, &abi.name)?),
                AbiKind::U8 => put!(fits::<u8>(v.u64 as i128, &abi.name)?),
                AbiKind::S16 => put!(fits::<i16>(v.s64 as i128, &abi.name)?),
                AbiKind::U16 => put!(fits::<u16>(v.u64 as i128, &abi.name)?),
                AbiKind::S32 => put!(fits::<i32>(v.s64 as i128, &abi.name)?),
                AbiKind::U32 => put!(fits::<u32>(v.u64 as i128, &abi.name)?),
                AbiKind::S64 => put!(v.s64),
                AbiKind::U64 => put!(v.u64),
                AbiKind::F32 => put!(v.f32),
                AbiKind::F64 => put!(v.f64),
                AbiKind::Char => put!(char::from_u32(fits::<u32>(v.u64 as i128, "char")?).ok_or_else(|| {
                    Trap::new(TrapClass::Host, format!("the result {:#x} is not a Unicode scalar value", v.u64))
                })?),
                AbiKind::String => {
                    let text = std::str::from_utf8(bytes_of(v.bytes))
                        .map_err(|_| Trap::new(TrapClass::Host, "the string result is not UTF-8"))?;
                    put!(text)
                }
                AbiKind::List(_) => put!(bytes_of(v.bytes)),
                _ => Err(Trap::new(TrapClass::Host, "a result the fast path does not take")),
            }
        }
    }
}

/// The bytes a `cm32_bytes` points to.
///
/// # Safety
/// The pointer is valid for `len` bytes, or NULL.
unsafe fn bytes_of<'a>(bytes: cm32_bytes) -> &'a [u8] {
    if bytes.ptr.is_null() || bytes.len == 0 {
        &[]
    } else {
        unsafe { std::slice::from_raw_parts(bytes.ptr as *const u8, bytes.len) }
    }
}

impl Lower for FastResult {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        self.lower(cx, ty, Some(dst), 0)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        self.lower(cx, ty, None, ptr)
    }
}

/// Calls the C callback; `result` is given only when the WIT function has one.
/// A fast-path callback, known not to be NULL.
type Callback =
    unsafe extern "C" fn(*mut c_void, *mut cm32_context, *const cm32_fast, usize, *mut cm32_fast) -> *mut cm32_error;

#[inline(always)]
fn call(
    callback: Callback,
    env: &Env,
    cx: &mut HostCx<'_, CHost>,
    args: &[cm32_fast],
    result: Option<&mut cm32_fast>,
    wit: &str,
) -> Result<(), Trap> {
    let mut context = cm32_context { user: cx.data.user };
    let result = result.map_or(std::ptr::null_mut(), |r| r as *mut cm32_fast);
    let error = unsafe { callback(env.env, &mut context, args.as_ptr(), args.len(), result) };
    if error.is_null() { Ok(()) } else { Err(unsafe { cm32_error::take_trap(error, TrapClass::Host) }.in_func(wit)) }
}

/// Defines the imported function `name` on the fast path (see `cm32_fast`): its parameters and
/// result must all be scalars, strings or `list<u8>`, else this fails and says which is not.
/// `env` and `finalizer` as for `cm32_linker_define`.
///
/// # Safety
/// As for `cm32_linker_define`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_linker_define_fast(
    linker: *mut cm32_linker,
    name: *const c_char,
    callback: cm32_fast_callback,
    env: *mut c_void,
    finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
) -> *mut cm32_error {
    let env = Arc::new(Env { env, finalizer });
    guard(move || {
        let linker = unsafe { &mut *linker };
        let name = match unsafe { text(name, "name") } {
            Ok(name) => name.to_string(),
            Err(e) => return e,
        };
        let Some(callback) = callback else { return cm32_error::raw("`callback` is NULL") };
        let world = linker.linker.world().clone();
        let func = world.find_func(cm32_host::Direction::Import, &name).map(|idx| world.func(idx));
        let has_result = func.is_some_and(|f| f.result.is_some());
        let few = func.is_some_and(|f| f.params.len() <= FEW);
        let defined = match (few, has_result) {
            (true, true) => define::<FEW, true>(linker, &name, callback, env),
            (true, false) => define::<FEW, false>(linker, &name, callback, env),
            (false, true) => define::<MAX_FAST, true>(linker, &name, callback, env),
            (false, false) => define::<MAX_FAST, false>(linker, &name, callback, env),
        };
        match defined {
            Ok(_) => std::ptr::null_mut(),
            Err(e) => cm32_error::raw(e.to_string()),
        }
    })
}

/// Defines `name` with room for `N` arguments, with a result or without.
fn define<const N: usize, const RESULT: bool>(
    linker: &mut cm32_linker,
    name: &str,
    callback: Callback,
    env: Arc<Env>,
) -> Result<(), cm32_host::LinkError> {
    let wit = name.to_string();
    if RESULT {
        linker.linker.define_typed(name, move |cx: &mut HostCx<'_, CHost>, args: FastArgs<N>| {
            let mut result = cm32_fast { u64: 0 };
            call(callback, &env, cx, &args.values[..args.len], Some(&mut result), &wit)?;
            Ok(FastResult(result))
        })?;
    } else {
        linker.linker.define_typed(name, move |cx: &mut HostCx<'_, CHost>, args: FastArgs<N>| {
            call(callback, &env, cx, &args.values[..args.len], None, &wit)
        })?;
    }
    Ok(())
}
