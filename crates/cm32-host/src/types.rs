//! The value types of a world, resolved once into a flat arena with their layout (size,
//! alignment, field and payload offsets, flat core types) so that lifting and lowering never walk
//! WIT by name. Sizes, offsets and flattening all come from wit-parser (`SizeAlign`,
//! `Resolve::push_flat`).

use std::collections::HashMap;

use cm32_abi::CoreType;

use crate::abi::ComponentIdx;
use wit_parser::abi::{FlatTypes, WasmType};
use wit_parser::{Handle, Int, Resolve, SizeAlign, Type, TypeDefKind, TypeId};

/// An index into [`Types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeIdx(pub(crate) u32);

/// An index into the world's resource types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceIdx(pub(crate) u32);

/// Which side defines a resource type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Defined by the host: the guest imports it.
    Host,
    /// Defined by the guest: the guest exports it and implements it with `new`/`rep`/`drop`.
    Guest,
}

#[derive(Clone, Debug)]
pub struct ResourceInfo {
    /// `<interface>#<name>` or the bare name at world level.
    pub wit: String,
    pub side: Side,
    /// The component instance that implements a guest-defined resource (the spec's `rt.impl`):
    /// borrows lowered into it are its bare representation, and its destructor runs in it.
    /// `None` for the host's resources.
    pub implementer: Option<ComponentIdx>,
    pub(crate) type_id: TypeId,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub ty: TypeIdx,
    pub offset: u32,
}

/// Variants, enums, options and results share one layout: a discriminant of 1, 2 or 4 bytes, then
/// a payload at the largest case alignment; flat, the discriminant then the joined payload slots.
#[derive(Clone, Debug)]
pub struct VariantLayout {
    pub cases: Vec<(String, Option<TypeIdx>)>,
    pub disc_size: u32,
    pub payload_offset: u32,
}

#[derive(Clone, Debug)]
pub enum AbiKind {
    Bool,
    S8,
    U8,
    S16,
    U16,
    S32,
    U32,
    S64,
    U64,
    F32,
    F64,
    Char,
    String,
    List(TypeIdx),
    FixedList(TypeIdx, u32),
    Record(Vec<Field>),
    Tuple(Vec<Field>),
    Variant(VariantLayout),
    Enum(VariantLayout),
    Option(VariantLayout),
    Result(VariantLayout),
    Flags(Vec<String>),
    Own(ResourceIdx),
    Borrow(ResourceIdx),
}

#[derive(Clone, Debug)]
pub struct AbiType {
    pub kind: AbiKind,
    pub size: u32,
    pub align: u32,
    /// The flat core types; `None` when there are too many to ever pass flat.
    pub flat: Option<Vec<CoreType>>,
    /// The WIT name, for messages.
    pub name: String,
}

/// The arena.
#[derive(Clone, Debug, Default)]
pub struct Types {
    types: Vec<AbiType>,
    resources: Vec<ResourceInfo>,
}

impl Types {
    pub fn get(&self, idx: TypeIdx) -> &AbiType {
        &self.types[idx.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    pub fn resource(&self, idx: ResourceIdx) -> &ResourceInfo {
        &self.resources[idx.0 as usize]
    }

    pub fn resources(&self) -> impl Iterator<Item = (ResourceIdx, &ResourceInfo)> {
        self.resources.iter().enumerate().map(|(i, r)| (ResourceIdx(i as u32), r))
    }

    pub fn find_resource(&self, type_id: TypeId, side: Side) -> Option<ResourceIdx> {
        self.resources().find(|(_, r)| r.type_id == type_id && r.side == side).map(|(i, _)| i)
    }

    /// Makes every type that mentions resource `from` mention `to` instead, and gives `to` the
    /// name of `from`, which no type mentions after: the world's exported resource becomes the
    /// one the component defines and implements.
    pub(crate) fn redirect_resource(&mut self, from: ResourceIdx, to: ResourceIdx) {
        for ty in &mut self.types {
            match &mut ty.kind {
                AbiKind::Own(r) | AbiKind::Borrow(r) if *r == from => *r = to,
                _ => {}
            }
        }
        let name = std::mem::take(&mut self.resources[from.0 as usize].wit);
        self.resources[to.0 as usize].wit = name;
    }

    /// A resource type a component instance defines: a new type each time the component is
    /// instantiated (`type_id` names its definition in the arena's resolve).
    pub(crate) fn push_guest_resource(
        &mut self,
        wit: String,
        implementer: ComponentIdx,
        type_id: TypeId,
    ) -> ResourceIdx {
        self.resources.push(ResourceInfo { wit, side: Side::Guest, implementer: Some(implementer), type_id });
        ResourceIdx(self.resources.len() as u32 - 1)
    }
}

/// Larger flat lists are never passed flat (16 params, 1 result), so there is no need to keep them.
const FLAT_LIMIT: usize = 64;

pub(crate) struct TypesBuilder<'a> {
    resolve: &'a Resolve,
    sizes: SizeAlign,
    /// Which side defines each resource type id, given the side of the function that mentions it.
    resource_side: &'a dyn Fn(TypeId, Side) -> (Side, String),
    cache: HashMap<(Type, Side), TypeIdx>,
    pub(crate) types: Types,
}

impl<'a> TypesBuilder<'a> {
    pub(crate) fn new(resolve: &'a Resolve, resource_side: &'a dyn Fn(TypeId, Side) -> (Side, String)) -> Self {
        Self::resume(resolve, resource_side, Types::default())
    }

    /// A builder that adds to `types`, whose types all come from `resolve`.
    pub(crate) fn resume(
        resolve: &'a Resolve,
        resource_side: &'a dyn Fn(TypeId, Side) -> (Side, String),
        types: Types,
    ) -> Self {
        let mut sizes = SizeAlign::default();
        sizes.fill(resolve).expect("a resolved world has sizes");
        TypesBuilder { resolve, sizes, resource_side, cache: HashMap::new(), types }
    }

    pub(crate) fn sizes(&self) -> &SizeAlign {
        &self.sizes
    }

    /// The arena index of `ty` as seen from a function on `side`.
    pub(crate) fn intern(&mut self, ty: &Type, side: Side) -> TypeIdx {
        if let Some(idx) = self.cache.get(&(*ty, side)) {
            return *idx;
        }
        let kind = self.kind(ty, side);
        let size = self.sizes.size(ty).size_wasm32() as u32;
        let align = self.sizes.align(ty).align_wasm32() as u32;
        let mut storage = [WasmType::I32; FLAT_LIMIT];
        let mut flat = FlatTypes::new(&mut storage);
        let flat =
            self.resolve.push_flat(ty, &mut flat).then(|| flat.to_vec().into_iter().map(CoreType::from_wit).collect());
        let name = type_name(self.resolve, ty);
        let idx = TypeIdx(self.types.types.len() as u32);
        self.types.types.push(AbiType { kind, size, align, flat, name });
        self.cache.insert((*ty, side), idx);
        idx
    }

    fn kind(&mut self, ty: &Type, side: Side) -> AbiKind {
        let id = match ty {
            Type::Bool => return AbiKind::Bool,
            Type::S8 => return AbiKind::S8,
            Type::U8 => return AbiKind::U8,
            Type::S16 => return AbiKind::S16,
            Type::U16 => return AbiKind::U16,
            Type::S32 => return AbiKind::S32,
            Type::U32 => return AbiKind::U32,
            Type::S64 => return AbiKind::S64,
            Type::U64 => return AbiKind::U64,
            Type::F32 => return AbiKind::F32,
            Type::F64 => return AbiKind::F64,
            Type::Char => return AbiKind::Char,
            Type::String => return AbiKind::String,
            Type::ErrorContext => unreachable!("the target refuses async worlds"),
            Type::Id(id) => *id,
        };
        let resolve = self.resolve;
        match &resolve.types[id].kind {
            TypeDefKind::Type(t) => self.kind(t, side),
            TypeDefKind::Record(r) => {
                let offsets = self.sizes.field_offsets(r.fields.iter().map(|f| &f.ty));
                let fields = r
                    .fields
                    .iter()
                    .zip(offsets)
                    .map(|(f, (offset, _))| Field {
                        name: f.name.clone(),
                        ty: self.intern(&f.ty, side),
                        offset: offset.size_wasm32() as u32,
                    })
                    .collect();
                AbiKind::Record(fields)
            }
            TypeDefKind::Tuple(t) => AbiKind::Tuple(self.tuple_fields(&t.types, side)),
            TypeDefKind::Flags(f) => AbiKind::Flags(f.flags.iter().map(|f| f.name.clone()).collect()),
            TypeDefKind::Variant(v) => {
                let cases: Vec<(String, Option<Type>)> = v.cases.iter().map(|c| (c.name.clone(), c.ty)).collect();
                AbiKind::Variant(self.variant(v.tag(), &cases, side))
            }
            TypeDefKind::Enum(e) => {
                let cases: Vec<(String, Option<Type>)> = e.cases.iter().map(|c| (c.name.clone(), None)).collect();
                AbiKind::Enum(self.variant(e.tag(), &cases, side))
            }
            TypeDefKind::Option(t) => {
                AbiKind::Option(self.variant(Int::U8, &[("none".into(), None), ("some".into(), Some(*t))], side))
            }
            TypeDefKind::Result(r) => {
                AbiKind::Result(self.variant(Int::U8, &[("ok".into(), r.ok), ("err".into(), r.err)], side))
            }
            TypeDefKind::List(t) => AbiKind::List(self.intern(t, side)),
            TypeDefKind::FixedLengthList(t, n) => AbiKind::FixedList(self.intern(t, side), *n),
            TypeDefKind::Map(k, v) => {
                // A map is laid out as a list of (key, value) tuples.
                let fields = self.tuple_fields(&[*k, *v], side);
                let pair = self.sizes.record([k, v]);
                let idx = TypeIdx(self.types.types.len() as u32);
                let mut storage = [WasmType::I32; FLAT_LIMIT];
                let mut pair_flat = FlatTypes::new(&mut storage);
                let fits = resolve.push_flat(k, &mut pair_flat) && resolve.push_flat(v, &mut pair_flat);
                let flat = fits.then(|| pair_flat.to_vec().into_iter().map(CoreType::from_wit).collect());
                self.types.types.push(AbiType {
                    kind: AbiKind::Tuple(fields),
                    size: pair.size.size_wasm32() as u32,
                    align: pair.align.align_wasm32() as u32,
                    flat,
                    name: format!("tuple<{}, {}>", type_name(resolve, k), type_name(resolve, v)),
                });
                AbiKind::List(idx)
            }
            TypeDefKind::Handle(Handle::Own(r)) => AbiKind::Own(self.resource(*r, side)),
            TypeDefKind::Handle(Handle::Borrow(r)) => AbiKind::Borrow(self.resource(*r, side)),
            TypeDefKind::Resource => unreachable!("resources appear only behind handles"),
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) | TypeDefKind::Unknown => {
                unreachable!("the target refuses async worlds")
            }
        }
    }

    pub(crate) fn tuple_fields(&mut self, types: &[Type], side: Side) -> Vec<Field> {
        let offsets = self.sizes.field_offsets(types);
        types
            .iter()
            .zip(offsets)
            .enumerate()
            .map(|(i, (t, (offset, _)))| Field {
                name: i.to_string(),
                ty: self.intern(t, side),
                offset: offset.size_wasm32() as u32,
            })
            .collect()
    }

    fn variant(&mut self, tag: Int, cases: &[(String, Option<Type>)], side: Side) -> VariantLayout {
        let payload_offset = self.sizes.payload_offset(tag, cases.iter().map(|(_, t)| t.as_ref())).size_wasm32() as u32;
        let disc_size = match tag {
            Int::U8 => 1,
            Int::U16 => 2,
            Int::U32 => 4,
            Int::U64 => 8,
        };
        let cases = cases.iter().map(|(name, t)| (name.clone(), t.map(|t| self.intern(&t, side)))).collect();
        VariantLayout { cases, disc_size, payload_offset }
    }

    pub(crate) fn resource_for(&mut self, id: TypeId, side: Side) -> ResourceIdx {
        self.resource(id, side)
    }

    fn resource(&mut self, mut id: TypeId, side: Side) -> ResourceIdx {
        while let TypeDefKind::Type(Type::Id(next)) = self.resolve.types[id].kind {
            id = next;
        }
        let (side, wit) = (self.resource_side)(id, side);
        if let Some(idx) = self.types.find_resource(id, side) {
            return idx;
        }
        // The world's guest resources are implemented by its one component instance.
        let implementer = (side == Side::Guest).then_some(ComponentIdx(0));
        self.types.resources.push(ResourceInfo { wit, side, implementer, type_id: id });
        ResourceIdx(self.types.resources.len() as u32 - 1)
    }
}

/// A short WIT rendering of a type, for error messages.
pub(crate) fn type_name(resolve: &Resolve, ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".into(),
        Type::S8 => "s8".into(),
        Type::U8 => "u8".into(),
        Type::S16 => "s16".into(),
        Type::U16 => "u16".into(),
        Type::S32 => "s32".into(),
        Type::U32 => "u32".into(),
        Type::S64 => "s64".into(),
        Type::U64 => "u64".into(),
        Type::F32 => "f32".into(),
        Type::F64 => "f64".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::ErrorContext => "error-context".into(),
        Type::Id(id) => {
            let def = &resolve.types[*id];
            if let Some(name) = &def.name {
                return name.clone();
            }
            let inner = |t: &Type| type_name(resolve, t);
            match &def.kind {
                TypeDefKind::List(t) => format!("list<{}>", inner(t)),
                TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", inner(t)),
                TypeDefKind::Map(k, v) => format!("map<{}, {}>", inner(k), inner(v)),
                TypeDefKind::Option(t) => format!("option<{}>", inner(t)),
                TypeDefKind::Result(r) => format!(
                    "result<{}, {}>",
                    r.ok.as_ref().map_or("_".into(), inner),
                    r.err.as_ref().map_or("_".into(), inner)
                ),
                TypeDefKind::Tuple(t) => format!("tuple<{}>", t.types.iter().map(inner).collect::<Vec<_>>().join(", ")),
                TypeDefKind::Handle(Handle::Own(r)) => format!("own<{}>", inner(&Type::Id(*r))),
                TypeDefKind::Handle(Handle::Borrow(r)) => format!("borrow<{}>", inner(&Type::Id(*r))),
                TypeDefKind::Type(t) => inner(t),
                other => other.as_str().into(),
            }
        }
    }
}
