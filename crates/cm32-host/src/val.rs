//! `Val`: any WIT value, for the dynamic API, tools and tests; and the type check that keeps a
//! wrong host value from ever reaching the guest.

use std::fmt;

use crate::types::{AbiKind, ResourceIdx, TypeIdx, Types};

/// A resource the host holds or passes: its type and its representation.
///
/// For a host-defined type the representation is the host's own number; for a guest-defined type
/// it is the guest's `rep`, and the host must hand the value back or drop it through the instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ResourceAny {
    pub ty: ResourceIdx,
    pub rep: u32,
}

/// A WIT value.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Bool(bool),
    S8(i8),
    U8(u8),
    S16(i16),
    U16(u16),
    S32(i32),
    U32(u32),
    S64(i64),
    U64(u64),
    F32(f32),
    F64(f64),
    Char(char),
    String(String),
    /// A list; a `map<k, v>` is a list of `(k, v)` tuples.
    List(Vec<Val>),
    FixedList(Vec<Val>),
    Record(Vec<(String, Val)>),
    Tuple(Vec<Val>),
    Variant(String, Option<Box<Val>>),
    Enum(String),
    Option(Option<Box<Val>>),
    Result(Result<Option<Box<Val>>, Option<Box<Val>>>),
    /// The names of the flags that are set.
    Flags(Vec<String>),
    Own(ResourceAny),
    Borrow(ResourceAny),
}

/// Why a value does not fit a type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: expected {expected}, found {found}")]
pub struct TypeMismatch {
    /// Where in the value: `arg 0.name[2]`.
    pub path: String,
    pub expected: String,
    pub found: String,
}

impl Val {
    /// A short description of what this value is, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Val::Bool(_) => "bool",
            Val::S8(_) => "s8",
            Val::U8(_) => "u8",
            Val::S16(_) => "s16",
            Val::U16(_) => "u16",
            Val::S32(_) => "s32",
            Val::U32(_) => "u32",
            Val::S64(_) => "s64",
            Val::U64(_) => "u64",
            Val::F32(_) => "f32",
            Val::F64(_) => "f64",
            Val::Char(_) => "char",
            Val::String(_) => "string",
            Val::List(_) => "list",
            Val::FixedList(_) => "fixed-length list",
            Val::Record(_) => "record",
            Val::Tuple(_) => "tuple",
            Val::Variant(..) => "variant",
            Val::Enum(_) => "enum",
            Val::Option(_) => "option",
            Val::Result(_) => "result",
            Val::Flags(_) => "flags",
            Val::Own(_) => "own handle",
            Val::Borrow(_) => "borrow handle",
        }
    }
}

/// Checks that `val` is a value of `ty`, all the way down.
pub fn typecheck(types: &Types, val: &Val, ty: TypeIdx, path: &mut String) -> Result<(), TypeMismatch> {
    let abi = types.get(ty);
    let mismatch =
        |path: &String, found: String| TypeMismatch { path: path.clone(), expected: abi.name.clone(), found };
    let nested = |path: &mut String, suffix: &str, val: &Val, ty: TypeIdx| {
        let len = path.len();
        path.push_str(suffix);
        let r = typecheck(types, val, ty, path);
        path.truncate(len);
        r
    };
    match (&abi.kind, val) {
        (AbiKind::Bool, Val::Bool(_))
        | (AbiKind::S8, Val::S8(_))
        | (AbiKind::U8, Val::U8(_))
        | (AbiKind::S16, Val::S16(_))
        | (AbiKind::U16, Val::U16(_))
        | (AbiKind::S32, Val::S32(_))
        | (AbiKind::U32, Val::U32(_))
        | (AbiKind::S64, Val::S64(_))
        | (AbiKind::U64, Val::U64(_))
        | (AbiKind::F32, Val::F32(_))
        | (AbiKind::F64, Val::F64(_))
        | (AbiKind::Char, Val::Char(_))
        | (AbiKind::String, Val::String(_)) => Ok(()),
        (AbiKind::List(elem), Val::List(items)) => {
            items.iter().enumerate().try_for_each(|(i, v)| nested(path, &format!("[{i}]"), v, *elem))
        }
        (AbiKind::FixedList(elem, n), Val::FixedList(items) | Val::List(items)) => {
            if items.len() != *n as usize {
                return Err(mismatch(path, format!("a list of {} elements", items.len())));
            }
            items.iter().enumerate().try_for_each(|(i, v)| nested(path, &format!("[{i}]"), v, *elem))
        }
        (AbiKind::Record(fields), Val::Record(vals)) => {
            if fields.len() != vals.len() || fields.iter().zip(vals).any(|(f, (n, _))| f.name != *n) {
                let names: Vec<&str> = vals.iter().map(|(n, _)| n.as_str()).collect();
                return Err(mismatch(path, format!("a record with fields {{{}}}", names.join(", "))));
            }
            fields.iter().zip(vals).try_for_each(|(f, (_, v))| nested(path, &format!(".{}", f.name), v, f.ty))
        }
        (AbiKind::Tuple(fields), Val::Tuple(vals)) => {
            if fields.len() != vals.len() {
                return Err(mismatch(path, format!("a tuple of {} elements", vals.len())));
            }
            fields.iter().zip(vals).try_for_each(|(f, v)| nested(path, &format!(".{}", f.name), v, f.ty))
        }
        (AbiKind::Variant(layout), Val::Variant(case, payload)) => {
            let Some((_, case_ty)) = layout.cases.iter().find(|(n, _)| n == case) else {
                return Err(mismatch(path, format!("case `{case}`")));
            };
            payload_check(types, path, *case_ty, payload.as_deref(), case, &abi.name)
        }
        (AbiKind::Enum(layout), Val::Enum(case)) => {
            if layout.cases.iter().any(|(n, _)| n == case) {
                Ok(())
            } else {
                Err(mismatch(path, format!("case `{case}`")))
            }
        }
        (AbiKind::Option(layout), Val::Option(v)) => match v {
            None => Ok(()),
            Some(v) => nested(path, ".some", v, layout.cases[1].1.expect("option has a payload")),
        },
        (AbiKind::Result(layout), Val::Result(r)) => match r {
            Ok(v) => payload_check(types, path, layout.cases[0].1, v.as_deref(), "ok", &abi.name),
            Err(v) => payload_check(types, path, layout.cases[1].1, v.as_deref(), "err", &abi.name),
        },
        (AbiKind::Flags(names), Val::Flags(set)) => match set.iter().find(|f| !names.contains(f)) {
            Some(unknown) => Err(mismatch(path, format!("flag `{unknown}`"))),
            None => Ok(()),
        },
        (AbiKind::Own(r), Val::Own(res)) | (AbiKind::Borrow(r), Val::Borrow(res) | Val::Own(res)) => {
            if res.ty == *r {
                Ok(())
            } else {
                Err(mismatch(path, format!("a handle to {}", types.resource(res.ty).wit)))
            }
        }
        (_, val) => Err(mismatch(path, val.kind_name().to_string())),
    }
}

fn payload_check(
    types: &Types,
    path: &mut String,
    case_ty: Option<TypeIdx>,
    payload: Option<&Val>,
    case: &str,
    type_name: &str,
) -> Result<(), TypeMismatch> {
    match (case_ty, payload) {
        (None, None) => Ok(()),
        (Some(ty), Some(v)) => {
            let len = path.len();
            path.push_str(&format!(".{case}"));
            let r = typecheck(types, v, ty, path);
            path.truncate(len);
            r
        }
        (None, Some(_)) => Err(TypeMismatch {
            path: path.clone(),
            expected: format!("{type_name} case `{case}` without a payload"),
            found: "a payload".into(),
        }),
        (Some(_), None) => Err(TypeMismatch {
            path: path.clone(),
            expected: format!("{type_name} case `{case}` with a payload"),
            found: "no payload".into(),
        }),
    }
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, open: &str, items: &[Val], close: &str) -> fmt::Result {
            f.write_str(open)?;
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{v}")?;
            }
            f.write_str(close)
        }
        match self {
            Val::Bool(v) => write!(f, "{v}"),
            Val::S8(v) => write!(f, "{v}"),
            Val::U8(v) => write!(f, "{v}"),
            Val::S16(v) => write!(f, "{v}"),
            Val::U16(v) => write!(f, "{v}"),
            Val::S32(v) => write!(f, "{v}"),
            Val::U32(v) => write!(f, "{v}"),
            Val::S64(v) => write!(f, "{v}"),
            Val::U64(v) => write!(f, "{v}"),
            Val::F32(v) => write!(f, "{v:?}"),
            Val::F64(v) => write!(f, "{v:?}"),
            Val::Char(v) => write!(f, "{v:?}"),
            Val::String(v) => write!(f, "{v:?}"),
            Val::List(items) | Val::FixedList(items) => list(f, "[", items, "]"),
            Val::Tuple(items) => list(f, "(", items, ")"),
            Val::Record(fields) => {
                f.write_str("{")?;
                for (i, (name, v)) in fields.iter().enumerate() {
                    write!(f, "{}{name}: {v}", if i > 0 { ", " } else { "" })?;
                }
                f.write_str("}")
            }
            Val::Variant(case, None) | Val::Enum(case) => f.write_str(case),
            Val::Variant(case, Some(v)) => write!(f, "{case}({v})"),
            Val::Option(None) => f.write_str("none"),
            Val::Option(Some(v)) => write!(f, "some({v})"),
            Val::Result(Ok(None)) => f.write_str("ok"),
            Val::Result(Ok(Some(v))) => write!(f, "ok({v})"),
            Val::Result(Err(None)) => f.write_str("err"),
            Val::Result(Err(Some(v))) => write!(f, "err({v})"),
            Val::Flags(set) => write!(f, "{{{}}}", set.join(", ")),
            Val::Own(r) => write!(f, "own(#{}, rep {})", r.ty.0, r.rep),
            Val::Borrow(r) => write!(f, "borrow(#{}, rep {})", r.ty.0, r.rep),
        }
    }
}
