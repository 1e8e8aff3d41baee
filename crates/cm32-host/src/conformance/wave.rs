//! Values in the conformance scripts are written in WAVE (the WebAssembly Value Encoding), parsed
//! by the `wasm-wave` crate against our own types. WAVE has no handles: a handle is written as
//! its resource's representation (a number) and turned into `own`/`borrow` after parsing.

use std::borrow::Cow;
use std::sync::Arc;

use wasm_wave::wasm::{WasmType, WasmTypeKind, WasmValue, WasmValueError};

use crate::types::{AbiKind, TypeIdx, Types};
use crate::val::{ResourceAny, Val};

/// A type as WAVE sees it: an arena type, or the tuple of a function's parameters.
#[derive(Clone)]
pub struct WaveType {
    types: Arc<Types>,
    ty: Shape,
}

#[derive(Clone)]
enum Shape {
    Idx(TypeIdx),
    Tuple(Arc<Vec<TypeIdx>>),
}

impl WaveType {
    pub fn new(types: Arc<Types>, ty: TypeIdx) -> Self {
        WaveType { types, ty: Shape::Idx(ty) }
    }

    pub fn tuple(types: Arc<Types>, tys: Vec<TypeIdx>) -> Self {
        WaveType { types, ty: Shape::Tuple(Arc::new(tys)) }
    }

    fn at(&self, ty: TypeIdx) -> Self {
        WaveType { types: self.types.clone(), ty: Shape::Idx(ty) }
    }

    fn kind_of(&self) -> Option<&AbiKind> {
        match &self.ty {
            Shape::Idx(i) => Some(&self.types.get(*i).kind),
            Shape::Tuple(_) => None,
        }
    }
}

impl WasmType for WaveType {
    fn kind(&self) -> WasmTypeKind {
        let Some(kind) = self.kind_of() else { return WasmTypeKind::Tuple };
        match kind {
            AbiKind::Bool => WasmTypeKind::Bool,
            AbiKind::S8 => WasmTypeKind::S8,
            AbiKind::U8 => WasmTypeKind::U8,
            AbiKind::S16 => WasmTypeKind::S16,
            AbiKind::U16 => WasmTypeKind::U16,
            AbiKind::S32 => WasmTypeKind::S32,
            AbiKind::U32 | AbiKind::Own(_) | AbiKind::Borrow(_) => WasmTypeKind::U32,
            AbiKind::S64 => WasmTypeKind::S64,
            AbiKind::U64 => WasmTypeKind::U64,
            AbiKind::F32 => WasmTypeKind::F32,
            AbiKind::F64 => WasmTypeKind::F64,
            AbiKind::Char => WasmTypeKind::Char,
            AbiKind::String => WasmTypeKind::String,
            AbiKind::List(_) | AbiKind::FixedList(..) => WasmTypeKind::List,
            AbiKind::Record(_) => WasmTypeKind::Record,
            AbiKind::Tuple(_) => WasmTypeKind::Tuple,
            AbiKind::Variant(_) => WasmTypeKind::Variant,
            AbiKind::Enum(_) => WasmTypeKind::Enum,
            AbiKind::Option(_) => WasmTypeKind::Option,
            AbiKind::Result(_) => WasmTypeKind::Result,
            AbiKind::Flags(_) => WasmTypeKind::Flags,
        }
    }

    fn list_element_type(&self) -> Option<Self> {
        match self.kind_of()? {
            AbiKind::List(e) | AbiKind::FixedList(e, _) => Some(self.at(*e)),
            _ => None,
        }
    }

    fn record_fields(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Self)> + '_> {
        match self.kind_of() {
            Some(AbiKind::Record(fields)) => {
                Box::new(fields.iter().map(|f| (Cow::from(f.name.as_str()), self.at(f.ty))))
            }
            _ => Box::new(std::iter::empty()),
        }
    }

    fn tuple_element_types(&self) -> Box<dyn Iterator<Item = Self> + '_> {
        match (&self.ty, self.kind_of()) {
            (Shape::Tuple(tys), _) => Box::new(tys.iter().map(|t| self.at(*t))),
            (_, Some(AbiKind::Tuple(fields))) => Box::new(fields.iter().map(|f| self.at(f.ty))),
            _ => Box::new(std::iter::empty()),
        }
    }

    fn variant_cases(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Option<Self>)> + '_> {
        match self.kind_of() {
            Some(AbiKind::Variant(l)) => {
                Box::new(l.cases.iter().map(|(n, t)| (Cow::from(n.as_str()), t.map(|t| self.at(t)))))
            }
            _ => Box::new(std::iter::empty()),
        }
    }

    fn enum_cases(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self.kind_of() {
            Some(AbiKind::Enum(l)) => Box::new(l.cases.iter().map(|(n, _)| Cow::from(n.as_str()))),
            _ => Box::new(std::iter::empty()),
        }
    }

    fn option_some_type(&self) -> Option<Self> {
        match self.kind_of()? {
            AbiKind::Option(l) => l.cases[1].1.map(|t| self.at(t)),
            _ => None,
        }
    }

    fn result_types(&self) -> Option<(Option<Self>, Option<Self>)> {
        match self.kind_of()? {
            AbiKind::Result(l) => Some((l.cases[0].1.map(|t| self.at(t)), l.cases[1].1.map(|t| self.at(t)))),
            _ => None,
        }
    }

    fn flags_names(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self.kind_of() {
            Some(AbiKind::Flags(names)) => Box::new(names.iter().map(|n| Cow::from(n.as_str()))),
            _ => Box::new(std::iter::empty()),
        }
    }
}

impl WasmValue for Val {
    type Type = WaveType;

    fn kind(&self) -> WasmTypeKind {
        match self {
            Val::Bool(_) => WasmTypeKind::Bool,
            Val::S8(_) => WasmTypeKind::S8,
            Val::U8(_) => WasmTypeKind::U8,
            Val::S16(_) => WasmTypeKind::S16,
            Val::U16(_) => WasmTypeKind::U16,
            Val::S32(_) => WasmTypeKind::S32,
            Val::U32(_) | Val::Own(_) | Val::Borrow(_) => WasmTypeKind::U32,
            Val::S64(_) => WasmTypeKind::S64,
            Val::U64(_) => WasmTypeKind::U64,
            Val::F32(_) => WasmTypeKind::F32,
            Val::F64(_) => WasmTypeKind::F64,
            Val::Char(_) => WasmTypeKind::Char,
            Val::String(_) => WasmTypeKind::String,
            Val::List(_) | Val::FixedList(_) => WasmTypeKind::List,
            Val::Record(_) => WasmTypeKind::Record,
            Val::Tuple(_) => WasmTypeKind::Tuple,
            Val::Variant(..) => WasmTypeKind::Variant,
            Val::Enum(_) => WasmTypeKind::Enum,
            Val::Option(_) => WasmTypeKind::Option,
            Val::Result(_) => WasmTypeKind::Result,
            Val::Flags(_) => WasmTypeKind::Flags,
        }
    }

    fn make_bool(v: bool) -> Self {
        Val::Bool(v)
    }
    fn make_s8(v: i8) -> Self {
        Val::S8(v)
    }
    fn make_s16(v: i16) -> Self {
        Val::S16(v)
    }
    fn make_s32(v: i32) -> Self {
        Val::S32(v)
    }
    fn make_s64(v: i64) -> Self {
        Val::S64(v)
    }
    fn make_u8(v: u8) -> Self {
        Val::U8(v)
    }
    fn make_u16(v: u16) -> Self {
        Val::U16(v)
    }
    fn make_u32(v: u32) -> Self {
        Val::U32(v)
    }
    fn make_u64(v: u64) -> Self {
        Val::U64(v)
    }
    fn make_f32(v: f32) -> Self {
        Val::F32(v)
    }
    fn make_f64(v: f64) -> Self {
        Val::F64(v)
    }
    fn make_char(v: char) -> Self {
        Val::Char(v)
    }
    fn make_string(v: Cow<str>) -> Self {
        Val::String(v.into_owned())
    }
    fn make_list(_: &WaveType, vals: impl IntoIterator<Item = Self>) -> Result<Self, WasmValueError> {
        Ok(Val::List(vals.into_iter().collect()))
    }
    fn make_record<'a>(
        _: &WaveType,
        fields: impl IntoIterator<Item = (&'a str, Self)>,
    ) -> Result<Self, WasmValueError> {
        Ok(Val::Record(fields.into_iter().map(|(n, v)| (n.to_string(), v)).collect()))
    }
    fn make_tuple(_: &WaveType, vals: impl IntoIterator<Item = Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Tuple(vals.into_iter().collect()))
    }
    fn make_variant(_: &WaveType, case: &str, val: Option<Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Variant(case.to_string(), val.map(Box::new)))
    }
    fn make_enum(_: &WaveType, case: &str) -> Result<Self, WasmValueError> {
        Ok(Val::Enum(case.to_string()))
    }
    fn make_option(_: &WaveType, val: Option<Self>) -> Result<Self, WasmValueError> {
        Ok(Val::Option(val.map(Box::new)))
    }
    fn make_result(_: &WaveType, val: Result<Option<Self>, Option<Self>>) -> Result<Self, WasmValueError> {
        Ok(Val::Result(val.map(|v| v.map(Box::new)).map_err(|v| v.map(Box::new))))
    }
    fn make_flags<'a>(_: &WaveType, names: impl IntoIterator<Item = &'a str>) -> Result<Self, WasmValueError> {
        Ok(Val::Flags(names.into_iter().map(String::from).collect()))
    }

    fn unwrap_bool(&self) -> bool {
        matches!(self, Val::Bool(true))
    }
    fn unwrap_s8(&self) -> i8 {
        if let Val::S8(v) = self { *v } else { 0 }
    }
    fn unwrap_s16(&self) -> i16 {
        if let Val::S16(v) = self { *v } else { 0 }
    }
    fn unwrap_s32(&self) -> i32 {
        if let Val::S32(v) = self { *v } else { 0 }
    }
    fn unwrap_s64(&self) -> i64 {
        if let Val::S64(v) = self { *v } else { 0 }
    }
    fn unwrap_u8(&self) -> u8 {
        if let Val::U8(v) = self { *v } else { 0 }
    }
    fn unwrap_u16(&self) -> u16 {
        if let Val::U16(v) = self { *v } else { 0 }
    }
    fn unwrap_u32(&self) -> u32 {
        match self {
            Val::U32(v) => *v,
            Val::Own(r) | Val::Borrow(r) => r.rep,
            _ => 0,
        }
    }
    fn unwrap_u64(&self) -> u64 {
        if let Val::U64(v) = self { *v } else { 0 }
    }
    fn unwrap_f32(&self) -> f32 {
        if let Val::F32(v) = self { *v } else { 0.0 }
    }
    fn unwrap_f64(&self) -> f64 {
        if let Val::F64(v) = self { *v } else { 0.0 }
    }
    fn unwrap_char(&self) -> char {
        if let Val::Char(v) = self { *v } else { '\0' }
    }
    fn unwrap_string(&self) -> Cow<'_, str> {
        if let Val::String(v) = self { Cow::from(v.as_str()) } else { Cow::from("") }
    }
    fn unwrap_list(&self) -> Box<dyn Iterator<Item = Cow<'_, Self>> + '_> {
        match self {
            Val::List(v) | Val::FixedList(v) => Box::new(v.iter().map(Cow::Borrowed)),
            _ => Box::new(std::iter::empty()),
        }
    }
    fn unwrap_record(&self) -> Box<dyn Iterator<Item = (Cow<'_, str>, Cow<'_, Self>)> + '_> {
        match self {
            Val::Record(f) => Box::new(f.iter().map(|(n, v)| (Cow::from(n.as_str()), Cow::Borrowed(v)))),
            _ => Box::new(std::iter::empty()),
        }
    }
    fn unwrap_tuple(&self) -> Box<dyn Iterator<Item = Cow<'_, Self>> + '_> {
        match self {
            Val::Tuple(v) => Box::new(v.iter().map(Cow::Borrowed)),
            _ => Box::new(std::iter::empty()),
        }
    }
    fn unwrap_variant(&self) -> (Cow<'_, str>, Option<Cow<'_, Self>>) {
        match self {
            Val::Variant(c, v) => (Cow::from(c.as_str()), v.as_deref().map(Cow::Borrowed)),
            _ => (Cow::from(""), None),
        }
    }
    fn unwrap_enum(&self) -> Cow<'_, str> {
        if let Val::Enum(c) = self { Cow::from(c.as_str()) } else { Cow::from("") }
    }
    fn unwrap_option(&self) -> Option<Cow<'_, Self>> {
        match self {
            Val::Option(v) => v.as_deref().map(Cow::Borrowed),
            _ => None,
        }
    }
    fn unwrap_result(&self) -> Result<Option<Cow<'_, Self>>, Option<Cow<'_, Self>>> {
        match self {
            Val::Result(Ok(v)) => Ok(v.as_deref().map(Cow::Borrowed)),
            Val::Result(Err(v)) => Err(v.as_deref().map(Cow::Borrowed)),
            _ => Ok(None),
        }
    }
    fn unwrap_flags(&self) -> Box<dyn Iterator<Item = Cow<'_, str>> + '_> {
        match self {
            Val::Flags(f) => Box::new(f.iter().map(|n| Cow::from(n.as_str()))),
            _ => Box::new(std::iter::empty()),
        }
    }
}

/// Turns the numbers WAVE parsed at handle positions into handles, and lists at fixed-length list
/// positions into fixed-length lists.
pub fn fix_up(types: &Types, ty: TypeIdx, val: Val) -> Val {
    match (&types.get(ty).kind, val) {
        (AbiKind::Own(r), Val::U32(rep)) => Val::Own(ResourceAny { ty: *r, rep }),
        (AbiKind::Borrow(r), Val::U32(rep)) => Val::Borrow(ResourceAny { ty: *r, rep }),
        (AbiKind::List(e), Val::List(items)) => Val::List(items.into_iter().map(|v| fix_up(types, *e, v)).collect()),
        (AbiKind::FixedList(e, _), Val::List(items) | Val::FixedList(items)) => {
            Val::FixedList(items.into_iter().map(|v| fix_up(types, *e, v)).collect())
        }
        (AbiKind::Record(fields), Val::Record(vals)) => {
            Val::Record(fields.iter().zip(vals).map(|(f, (n, v))| (n, fix_up(types, f.ty, v))).collect())
        }
        (AbiKind::Tuple(fields), Val::Tuple(vals)) => {
            Val::Tuple(fields.iter().zip(vals).map(|(f, v)| fix_up(types, f.ty, v)).collect())
        }
        (AbiKind::Variant(l), Val::Variant(case, Some(v))) => {
            let t = l.cases.iter().find(|(n, _)| *n == case).and_then(|(_, t)| *t);
            let v = match t {
                Some(t) => fix_up(types, t, *v),
                None => *v,
            };
            Val::Variant(case, Some(Box::new(v)))
        }
        (AbiKind::Option(l), Val::Option(Some(v))) => {
            Val::Option(Some(Box::new(fix_up(types, l.cases[1].1.expect("some has a payload"), *v))))
        }
        (AbiKind::Result(l), Val::Result(r)) => Val::Result(match r {
            Ok(Some(v)) => Ok(Some(Box::new(fix_up(types, l.cases[0].1.expect("ok payload"), *v)))),
            Err(Some(v)) => Err(Some(Box::new(fix_up(types, l.cases[1].1.expect("err payload"), *v)))),
            other => other,
        }),
        (_, val) => val,
    }
}

/// Equality for checking results: NaN equals NaN (payloads may be canonicalised), and otherwise
/// floats compare by bits, so that -0.0 is not 0.0.
pub fn same(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::F32(x), Val::F32(y)) => (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
        (Val::F64(x), Val::F64(y)) => (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
        (Val::List(x), Val::List(y)) | (Val::FixedList(x), Val::FixedList(y)) | (Val::Tuple(x), Val::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Val::Record(x), Val::Record(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((n, a), (m, b))| n == m && same(a, b))
        }
        (Val::Variant(c, x), Val::Variant(d, y)) => c == d && opt_same(x, y),
        (Val::Option(x), Val::Option(y)) => opt_same(x, y),
        (Val::Result(Ok(x)), Val::Result(Ok(y))) | (Val::Result(Err(x)), Val::Result(Err(y))) => opt_same(x, y),
        (Val::Flags(x), Val::Flags(y)) => {
            let mut x = x.clone();
            let mut y = y.clone();
            x.sort();
            y.sort();
            x == y
        }
        _ => a == b,
    }
}

fn opt_same(a: &Option<Box<Val>>, b: &Option<Box<Val>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    }
}
