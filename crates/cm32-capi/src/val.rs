//! `cm32_val`: any WIT value as a C tree, and its conversion to and from cm32's `Val` by the WIT
//! type it has. Cases, fields and flags go by index (the WIT's order), not by name.
//!
//! Ownership: a value cm32 gives C (the result of an export, the arguments of a host function)
//! is C's to read; a result of an export is C's to free with `cm32_val_delete`, arguments are
//! freed by cm32 when the host function returns. A value C gives cm32 as a host function's result
//! is taken over by cm32, so its strings and lists must come from cm32's constructors
//! (`cm32_val_string`, `cm32_val_list`, `cm32_val_case`); a value C passes to an export is only
//! read, and may point anywhere.

use std::ffi::c_char;

use cm32_host::Val;
use cm32_host::types::{AbiKind, TypeIdx, Types};

/// Which kind of value a [`cm32_val`] holds.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cm32_val_kind {
    CM32_VAL_BOOL,
    CM32_VAL_S8,
    CM32_VAL_U8,
    CM32_VAL_S16,
    CM32_VAL_U16,
    CM32_VAL_S32,
    CM32_VAL_U32,
    CM32_VAL_S64,
    CM32_VAL_U64,
    CM32_VAL_F32,
    CM32_VAL_F64,
    CM32_VAL_CHAR,
    /// UTF-8 bytes in `of.string` (not NUL-terminated).
    CM32_VAL_STRING,
    /// `of.items`: the elements of a `list` or a fixed-length list (`map<k, v>`: tuples).
    CM32_VAL_LIST,
    /// `of.items`: the fields, in the WIT's order.
    CM32_VAL_RECORD,
    /// `of.items`: the elements.
    CM32_VAL_TUPLE,
    /// `of.variant`: the case's index, and its payload if the case has one (else NULL).
    CM32_VAL_VARIANT,
    /// `of.variant.index`: the case's index; no payload.
    CM32_VAL_ENUM,
    /// `of.variant`: index 0 is `none` (no payload), 1 is `some` with its payload.
    CM32_VAL_OPTION,
    /// `of.variant`: index 0 is `ok`, 1 is `err`; the payload if that side has a type.
    CM32_VAL_RESULT,
    /// `of.flags`: bit i set for the i-th flag of the WIT (at most 32 flags).
    CM32_VAL_FLAGS,
    /// `of.resource`: an owned handle's resource, by its representation.
    CM32_VAL_OWN,
    /// `of.resource`: a borrowed handle's resource, by its representation.
    CM32_VAL_BORROW,
}

/// Bytes: a string's UTF-8.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct cm32_bytes {
    pub ptr: *const c_char,
    pub len: usize,
}

/// Values in a row: a list's elements, a record's fields, a tuple's elements.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct cm32_vals {
    pub ptr: *mut cm32_val,
    pub len: usize,
}

/// A case of a variant, enum, option or result.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct cm32_case {
    pub index: u32,
    /// The payload, or NULL.
    pub payload: *mut cm32_val,
}

/// What a [`cm32_val`] holds; which member is live follows from its kind.
#[repr(C)]
#[derive(Clone, Copy)]
pub union cm32_val_union {
    pub boolean: bool,
    pub s8: i8,
    pub u8: u8,
    pub s16: i16,
    pub u16: u16,
    pub s32: i32,
    pub u32: u32,
    pub s64: i64,
    pub u64: u64,
    pub f32: f32,
    pub f64: f64,
    /// A Unicode scalar value.
    pub character: u32,
    pub string: cm32_bytes,
    pub items: cm32_vals,
    pub variant: cm32_case,
    pub flags: u32,
    /// A resource's representation: the host's own number for a host resource.
    pub resource: u32,
}

/// A WIT value.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct cm32_val {
    pub kind: cm32_val_kind,
    pub of: cm32_val_union,
}

impl cm32_val {
    fn new(kind: cm32_val_kind, of: cm32_val_union) -> cm32_val {
        cm32_val { kind, of }
    }

    /// A placeholder, for result slots.
    pub(crate) fn empty() -> cm32_val {
        cm32_val::new(cm32_val_kind::CM32_VAL_BOOL, cm32_val_union { u64: 0 })
    }
}

/// A row of values on cm32's heap, for C to hold.
fn vals_on_heap(items: Vec<cm32_val>) -> cm32_vals {
    let len = items.len();
    let ptr = Box::into_raw(items.into_boxed_slice()) as *mut cm32_val;
    cm32_vals { ptr, len }
}

fn boxed(value: cm32_val) -> *mut cm32_val {
    Box::into_raw(Box::new(value))
}

/// `val`, of type `ty`, as a C tree on cm32's heap.
pub(crate) fn to_c(val: &Val, ty: TypeIdx, types: &Types) -> Result<cm32_val, String> {
    use cm32_val_kind::*;
    let kind = &types.get(ty).kind;
    let items = |values: &mut dyn Iterator<Item = (&Val, TypeIdx)>| -> Result<cm32_vals, String> {
        let converted: Result<Vec<_>, String> = values.map(|(v, t)| to_c(v, t, types)).collect();
        Ok(vals_on_heap(converted?))
    };
    let case = |cases: &[(String, Option<TypeIdx>)], name: &str, payload: Option<&Val>| -> Result<cm32_case, String> {
        let index = cases.iter().position(|(n, _)| n == name).ok_or_else(|| format!("no case `{name}`"))?;
        let payload = match (payload, cases[index].1) {
            (Some(value), Some(payload_ty)) => boxed(to_c(value, payload_ty, types)?),
            _ => std::ptr::null_mut(),
        };
        Ok(cm32_case { index: index as u32, payload })
    };
    Ok(match (val, kind) {
        (Val::Bool(v), _) => cm32_val::new(CM32_VAL_BOOL, cm32_val_union { boolean: *v }),
        (Val::S8(v), _) => cm32_val::new(CM32_VAL_S8, cm32_val_union { s8: *v }),
        (Val::U8(v), _) => cm32_val::new(CM32_VAL_U8, cm32_val_union { u8: *v }),
        (Val::S16(v), _) => cm32_val::new(CM32_VAL_S16, cm32_val_union { s16: *v }),
        (Val::U16(v), _) => cm32_val::new(CM32_VAL_U16, cm32_val_union { u16: *v }),
        (Val::S32(v), _) => cm32_val::new(CM32_VAL_S32, cm32_val_union { s32: *v }),
        (Val::U32(v), _) => cm32_val::new(CM32_VAL_U32, cm32_val_union { u32: *v }),
        (Val::S64(v), _) => cm32_val::new(CM32_VAL_S64, cm32_val_union { s64: *v }),
        (Val::U64(v), _) => cm32_val::new(CM32_VAL_U64, cm32_val_union { u64: *v }),
        (Val::F32(v), _) => cm32_val::new(CM32_VAL_F32, cm32_val_union { f32: *v }),
        (Val::F64(v), _) => cm32_val::new(CM32_VAL_F64, cm32_val_union { f64: *v }),
        (Val::Char(v), _) => cm32_val::new(CM32_VAL_CHAR, cm32_val_union { character: *v as u32 }),
        (Val::String(s), _) => {
            let bytes: Box<[u8]> = s.as_bytes().into();
            let len = bytes.len();
            let ptr = Box::into_raw(bytes) as *const c_char;
            cm32_val::new(CM32_VAL_STRING, cm32_val_union { string: cm32_bytes { ptr, len } })
        }
        (Val::List(values) | Val::FixedList(values), AbiKind::List(elem) | AbiKind::FixedList(elem, _)) => {
            cm32_val::new(CM32_VAL_LIST, cm32_val_union { items: items(&mut values.iter().map(|v| (v, *elem)))? })
        }
        (Val::Record(fields), AbiKind::Record(types_of)) => cm32_val::new(
            CM32_VAL_RECORD,
            cm32_val_union { items: items(&mut fields.iter().zip(types_of).map(|((_, v), f)| (v, f.ty)))? },
        ),
        (Val::Tuple(values), AbiKind::Tuple(types_of)) => cm32_val::new(
            CM32_VAL_TUPLE,
            cm32_val_union { items: items(&mut values.iter().zip(types_of).map(|(v, f)| (v, f.ty)))? },
        ),
        (Val::Variant(name, payload), AbiKind::Variant(layout)) => {
            cm32_val::new(CM32_VAL_VARIANT, cm32_val_union { variant: case(&layout.cases, name, payload.as_deref())? })
        }
        (Val::Enum(name), AbiKind::Enum(layout)) => {
            cm32_val::new(CM32_VAL_ENUM, cm32_val_union { variant: case(&layout.cases, name, None)? })
        }
        (Val::Option(value), AbiKind::Option(layout)) => {
            let (name, payload) = match value {
                None => ("none", None),
                Some(v) => ("some", Some(&**v)),
            };
            let index = if name == "none" { 0 } else { 1 };
            let payload = match (payload, layout.cases.get(1).and_then(|c| c.1)) {
                (Some(v), Some(t)) => boxed(to_c(v, t, types)?),
                _ => std::ptr::null_mut(),
            };
            cm32_val::new(CM32_VAL_OPTION, cm32_val_union { variant: cm32_case { index, payload } })
        }
        (Val::Result(value), AbiKind::Result(layout)) => {
            let (index, payload) = match value {
                Ok(v) => (0usize, v.as_deref()),
                Err(v) => (1usize, v.as_deref()),
            };
            let payload = match (payload, layout.cases.get(index).and_then(|c| c.1)) {
                (Some(v), Some(t)) => boxed(to_c(v, t, types)?),
                _ => std::ptr::null_mut(),
            };
            cm32_val::new(CM32_VAL_RESULT, cm32_val_union { variant: cm32_case { index: index as u32, payload } })
        }
        (Val::Flags(names), AbiKind::Flags(all)) => {
            let mut bits = 0u32;
            for name in names {
                let i = all.iter().position(|n| n == name).ok_or_else(|| format!("no flag `{name}`"))?;
                bits |= 1 << i;
            }
            cm32_val::new(CM32_VAL_FLAGS, cm32_val_union { flags: bits })
        }
        (Val::Own(r), _) => cm32_val::new(CM32_VAL_OWN, cm32_val_union { resource: r.rep }),
        (Val::Borrow(r), _) => cm32_val::new(CM32_VAL_BORROW, cm32_val_union { resource: r.rep }),
        (v, _) => return Err(format!("a {} where {} was expected", v.kind_name(), types.get(ty).name)),
    })
}

/// A C value as a `Val` of type `ty`, checked as it goes; `at` names where, for messages.
///
/// # Safety
/// The pointers in `value` are valid for what its kind says.
pub(crate) unsafe fn from_c(value: &cm32_val, ty: TypeIdx, types: &Types, at: &str) -> Result<Val, String> {
    use cm32_val_kind::*;
    let abi = types.get(ty);
    let wrong = || format!("{at}: expected {}, found a value of kind {:?}", abi.name, value.kind);
    let row = |vals: cm32_vals| -> &[cm32_val] {
        if vals.ptr.is_null() || vals.len == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(vals.ptr, vals.len) }
        }
    };
    let payload = |case: cm32_case, ty: Option<TypeIdx>, what: &str| -> Result<Option<Box<Val>>, String> {
        match (ty, case.payload.is_null()) {
            (None, _) => Ok(None),
            (Some(_), true) => Err(format!("{at}: the case `{what}` needs a payload (it is NULL)")),
            (Some(t), false) => {
                Ok(Some(Box::new(unsafe { from_c(&*case.payload, t, types, &format!("{at}.{what}")) }?)))
            }
        }
    };
    let of = value.of;
    unsafe {
        Ok(match (&abi.kind, value.kind) {
            (AbiKind::Bool, CM32_VAL_BOOL) => Val::Bool(of.boolean),
            (AbiKind::S8, CM32_VAL_S8) => Val::S8(of.s8),
            (AbiKind::U8, CM32_VAL_U8) => Val::U8(of.u8),
            (AbiKind::S16, CM32_VAL_S16) => Val::S16(of.s16),
            (AbiKind::U16, CM32_VAL_U16) => Val::U16(of.u16),
            (AbiKind::S32, CM32_VAL_S32) => Val::S32(of.s32),
            (AbiKind::U32, CM32_VAL_U32) => Val::U32(of.u32),
            (AbiKind::S64, CM32_VAL_S64) => Val::S64(of.s64),
            (AbiKind::U64, CM32_VAL_U64) => Val::U64(of.u64),
            (AbiKind::F32, CM32_VAL_F32) => Val::F32(of.f32),
            (AbiKind::F64, CM32_VAL_F64) => Val::F64(of.f64),
            (AbiKind::Char, CM32_VAL_CHAR) => Val::Char(
                char::from_u32(of.character)
                    .ok_or_else(|| format!("{at}: {:#x} is not a Unicode scalar value", of.character))?,
            ),
            (AbiKind::String, CM32_VAL_STRING) => {
                let bytes: &[u8] = if of.string.ptr.is_null() || of.string.len == 0 {
                    &[]
                } else {
                    std::slice::from_raw_parts(of.string.ptr as *const u8, of.string.len)
                };
                Val::String(String::from_utf8(bytes.to_vec()).map_err(|_| format!("{at}: the string is not UTF-8"))?)
            }
            (AbiKind::List(elem), CM32_VAL_LIST) => Val::List(
                row(of.items)
                    .iter()
                    .enumerate()
                    .map(|(i, v)| from_c(v, *elem, types, &format!("{at}[{i}]")))
                    .collect::<Result<_, _>>()?,
            ),
            (AbiKind::FixedList(elem, n), CM32_VAL_LIST) => {
                if of.items.len != *n as usize {
                    return Err(format!("{at}: expected {n} elements, found {}", of.items.len));
                }
                Val::FixedList(
                    row(of.items)
                        .iter()
                        .enumerate()
                        .map(|(i, v)| from_c(v, *elem, types, &format!("{at}[{i}]")))
                        .collect::<Result<_, _>>()?,
                )
            }
            (AbiKind::Record(fields), CM32_VAL_RECORD) => {
                if of.items.len != fields.len() {
                    return Err(format!("{at}: expected {} fields, found {}", fields.len(), of.items.len));
                }
                Val::Record(
                    row(of.items)
                        .iter()
                        .zip(fields)
                        .map(|(v, f)| Ok((f.name.clone(), from_c(v, f.ty, types, &format!("{at}.{}", f.name))?)))
                        .collect::<Result<_, String>>()?,
                )
            }
            (AbiKind::Tuple(fields), CM32_VAL_TUPLE) => {
                if of.items.len != fields.len() {
                    return Err(format!("{at}: expected {} elements, found {}", fields.len(), of.items.len));
                }
                Val::Tuple(
                    row(of.items)
                        .iter()
                        .zip(fields)
                        .enumerate()
                        .map(|(i, (v, f))| from_c(v, f.ty, types, &format!("{at}.{i}")))
                        .collect::<Result<_, _>>()?,
                )
            }
            (AbiKind::Variant(layout), CM32_VAL_VARIANT) => {
                let (name, ty) = layout.cases.get(of.variant.index as usize).ok_or_else(|| {
                    format!("{at}: no case {} ({} has {})", of.variant.index, abi.name, layout.cases.len())
                })?;
                Val::Variant(name.clone(), payload(of.variant, *ty, name)?)
            }
            (AbiKind::Enum(layout), CM32_VAL_ENUM) => {
                let (name, _) = layout.cases.get(of.variant.index as usize).ok_or_else(|| {
                    format!("{at}: no case {} ({} has {})", of.variant.index, abi.name, layout.cases.len())
                })?;
                Val::Enum(name.clone())
            }
            (AbiKind::Option(layout), CM32_VAL_OPTION) => match of.variant.index {
                0 => Val::Option(None),
                1 => Val::Option(payload(of.variant, layout.cases[1].1, "some")?),
                other => return Err(format!("{at}: option case {other} (0 is none, 1 is some)")),
            },
            (AbiKind::Result(layout), CM32_VAL_RESULT) => match of.variant.index {
                0 => Val::Result(Ok(payload(of.variant, layout.cases[0].1, "ok")?)),
                1 => Val::Result(Err(payload(of.variant, layout.cases[1].1, "err")?)),
                other => return Err(format!("{at}: result case {other} (0 is ok, 1 is err)")),
            },
            (AbiKind::Flags(names), CM32_VAL_FLAGS) => {
                if names.len() < 32 && of.flags >> names.len() != 0 {
                    return Err(format!("{at}: flags {:#x} set bits past the {} flags", of.flags, names.len()));
                }
                Val::Flags(
                    names
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| of.flags & (1 << i) != 0)
                        .map(|(_, n)| n.clone())
                        .collect(),
                )
            }
            (AbiKind::Own(resource), CM32_VAL_OWN) => {
                Val::Own(cm32_host::ResourceAny { ty: *resource, rep: of.resource })
            }
            (AbiKind::Borrow(resource), CM32_VAL_BORROW) => {
                Val::Borrow(cm32_host::ResourceAny { ty: *resource, rep: of.resource })
            }
            _ => return Err(wrong()),
        })
    }
}

/// Frees what a value holds on cm32's heap (not the value itself, which may be on C's stack).
///
/// # Safety
/// `value` came from cm32, or was built with cm32's constructors, and is not used again.
unsafe fn free_parts(value: &mut cm32_val) {
    use cm32_val_kind::*;
    unsafe {
        match value.kind {
            CM32_VAL_STRING if !value.of.string.ptr.is_null() => {
                let slice = std::ptr::slice_from_raw_parts_mut(value.of.string.ptr as *mut u8, value.of.string.len);
                drop(Box::from_raw(slice));
            }
            CM32_VAL_LIST | CM32_VAL_RECORD | CM32_VAL_TUPLE if !value.of.items.ptr.is_null() => {
                let slice = std::ptr::slice_from_raw_parts_mut(value.of.items.ptr, value.of.items.len);
                let mut items = Box::from_raw(slice);
                for item in items.iter_mut() {
                    free_parts(item);
                }
            }
            CM32_VAL_VARIANT | CM32_VAL_OPTION | CM32_VAL_RESULT if !value.of.variant.payload.is_null() => {
                let mut payload = Box::from_raw(value.of.variant.payload);
                free_parts(&mut payload);
            }
            _ => {}
        }
    }
    *value = cm32_val::empty();
}

/// Frees what `value` holds (its strings, elements and payloads) and leaves it an empty `bool`.
/// For values cm32 gave (an export's result) or built with cm32's constructors.
///
/// # Safety
/// `value` is NULL or such a value, not used again but to be overwritten.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_val_delete(value: *mut cm32_val) {
    if !value.is_null() {
        unsafe { free_parts(&mut *value) }
    }
}

/// Makes `*out` a string with a copy of `len` bytes at `bytes` (UTF-8; checked when the value is
/// used).
///
/// # Safety
/// `out` points to a value; `bytes` to `len` readable bytes (or is NULL with `len` 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_val_string(out: *mut cm32_val, bytes: *const c_char, len: usize) {
    let copy: Box<[u8]> = if bytes.is_null() || len == 0 {
        Box::new([])
    } else {
        unsafe { std::slice::from_raw_parts(bytes as *const u8, len) }.into()
    };
    let len = copy.len();
    let ptr = Box::into_raw(copy) as *const c_char;
    unsafe { *out = cm32_val::new(cm32_val_kind::CM32_VAL_STRING, cm32_val_union { string: cm32_bytes { ptr, len } }) };
}

/// Makes `*out` a row of kind `kind` (`CM32_VAL_LIST`, `CM32_VAL_RECORD` or `CM32_VAL_TUPLE`),
/// taking over the `len` values at `items` (which are copied; what they hold is now the row's).
///
/// # Safety
/// `out` points to a value; `items` to `len` values (or is NULL with `len` 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_val_row(out: *mut cm32_val, kind: cm32_val_kind, items: *const cm32_val, len: usize) {
    let copied: Vec<cm32_val> = if items.is_null() || len == 0 {
        Vec::new()
    } else {
        unsafe { std::slice::from_raw_parts(items, len) }.to_vec()
    };
    unsafe { *out = cm32_val::new(kind, cm32_val_union { items: vals_on_heap(copied) }) };
}

/// Makes `*out` a case of kind `kind` (`CM32_VAL_VARIANT`, `CM32_VAL_OPTION` or
/// `CM32_VAL_RESULT`) with `index`, taking over `*payload` if it is not NULL.
///
/// # Safety
/// `out` points to a value; `payload` is NULL or points to a value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_val_case(out: *mut cm32_val, kind: cm32_val_kind, index: u32, payload: *const cm32_val) {
    let payload = if payload.is_null() { std::ptr::null_mut() } else { boxed(unsafe { *payload }) };
    unsafe { *out = cm32_val::new(kind, cm32_val_union { variant: cm32_case { index, payload } }) };
}
