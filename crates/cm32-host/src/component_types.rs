//! The types a component defines in its type sections, made types of the component's copy of the
//! world: value types become type definitions in its resolve (so that wit-parser lays them out),
//! resource types become resources of the arena, and function types become `Function`s that
//! can be planned like the world's own. Types cm32 cannot carry across the ABI yet (futures,
//! streams, error contexts) and types it has no need to know (instance and component types) are
//! left opaque: a function that mentions one cannot be lifted into another component.

use std::sync::Arc;

use wasmparser::{ComponentDefinedType, ComponentFuncType, ComponentValType, PrimitiveValType};
use wit_parser::{
    Case, EnumCase, Field, Flag, Flags, Function, FunctionKind, Handle, Param, Record, Result_, Tuple, Type,
    TypeDefKind, Variant,
};

use crate::types::ResourceIdx;
use crate::world::World;

/// A component-level type, as the definitions see it.
#[derive(Clone)]
pub(crate) enum Ty {
    /// A resource type, of the host's world or defined by a component instance.
    Resource(ResourceIdx),
    /// A value type, in the component's world.
    Value(Type),
    /// A function type.
    Func(Arc<Function>),
    /// A type cm32 does not need to know, or cannot carry.
    Opaque,
}

fn val(space: &[Ty], ty: &ComponentValType) -> Option<Type> {
    match ty {
        ComponentValType::Primitive(p) => primitive(*p),
        ComponentValType::Type(i) => match space.get(*i as usize)? {
            Ty::Value(t) => Some(*t),
            _ => None,
        },
    }
}

fn primitive(p: PrimitiveValType) -> Option<Type> {
    Some(match p {
        PrimitiveValType::Bool => Type::Bool,
        PrimitiveValType::S8 => Type::S8,
        PrimitiveValType::U8 => Type::U8,
        PrimitiveValType::S16 => Type::S16,
        PrimitiveValType::U16 => Type::U16,
        PrimitiveValType::S32 => Type::S32,
        PrimitiveValType::U32 => Type::U32,
        PrimitiveValType::S64 => Type::S64,
        PrimitiveValType::U64 => Type::U64,
        PrimitiveValType::F32 => Type::F32,
        PrimitiveValType::F64 => Type::F64,
        PrimitiveValType::Char => Type::Char,
        PrimitiveValType::String => Type::String,
        PrimitiveValType::ErrorContext => return None,
    })
}

fn resource(world: &World, space: &[Ty], index: u32) -> Option<wit_parser::TypeId> {
    match space.get(index as usize)? {
        Ty::Resource(r) => Some(world.types().resource(*r).type_id),
        _ => None,
    }
}

/// A value type the component defines, or `Opaque` when cm32 cannot carry it.
pub(crate) fn defined(world: &mut World, space: &[Ty], def: &ComponentDefinedType<'_>) -> Ty {
    defined_kind(world, space, def).map_or(Ty::Opaque, |kind| match kind {
        TypeDefKind::Type(t) => Ty::Value(t),
        kind => Ty::Value(Type::Id(world.add_type(None, kind))),
    })
}

fn defined_kind(world: &World, space: &[Ty], def: &ComponentDefinedType<'_>) -> Option<TypeDefKind> {
    let v = |t: &ComponentValType| val(space, t);
    let opt = |t: &Option<ComponentValType>| -> Option<Option<Type>> {
        match t {
            Some(t) => v(t).map(Some),
            None => Some(None),
        }
    };
    Some(match def {
        ComponentDefinedType::Primitive(p) => TypeDefKind::Type(primitive(*p)?),
        ComponentDefinedType::Record(fields) => TypeDefKind::Record(Record {
            fields: fields
                .iter()
                .map(|(name, t)| {
                    Some(Field {
                        name: name.to_string(),
                        ty: v(t)?,
                        docs: Default::default(),
                        span: Default::default(),
                    })
                })
                .collect::<Option<_>>()?,
        }),
        ComponentDefinedType::Variant(cases) => TypeDefKind::Variant(Variant {
            cases: cases
                .iter()
                .map(|c| {
                    Some(Case {
                        name: c.name.to_string(),
                        ty: opt(&c.ty)?,
                        docs: Default::default(),
                        span: Default::default(),
                    })
                })
                .collect::<Option<_>>()?,
        }),
        ComponentDefinedType::List(t) => TypeDefKind::List(v(t)?),
        ComponentDefinedType::Map(k, t) => TypeDefKind::Map(v(k)?, v(t)?),
        ComponentDefinedType::FixedLengthList(t, n) => TypeDefKind::FixedLengthList(v(t)?, *n),
        ComponentDefinedType::Tuple(ts) => {
            TypeDefKind::Tuple(Tuple { types: ts.iter().map(v).collect::<Option<_>>()? })
        }
        ComponentDefinedType::Flags(names) => TypeDefKind::Flags(Flags {
            flags: names
                .iter()
                .map(|n| Flag { name: n.to_string(), docs: Default::default(), span: Default::default() })
                .collect(),
        }),
        ComponentDefinedType::Enum(names) => TypeDefKind::Enum(wit_parser::Enum {
            cases: names
                .iter()
                .map(|n| EnumCase { name: n.to_string(), docs: Default::default(), span: Default::default() })
                .collect(),
        }),
        ComponentDefinedType::Option(t) => TypeDefKind::Option(v(t)?),
        ComponentDefinedType::Result { ok, err } => TypeDefKind::Result(Result_ { ok: opt(ok)?, err: opt(err)? }),
        ComponentDefinedType::Own(r) => TypeDefKind::Handle(Handle::Own(resource(world, space, *r)?)),
        ComponentDefinedType::Borrow(r) => TypeDefKind::Handle(Handle::Borrow(resource(world, space, *r)?)),
        ComponentDefinedType::Future(_) | ComponentDefinedType::Stream(_) => return None,
    })
}

/// A function type the component defines, or `Opaque` for an async one or one whose types cm32
/// cannot carry.
pub(crate) fn func(space: &[Ty], ft: &ComponentFuncType<'_>) -> Ty {
    if ft.async_ {
        return Ty::Opaque;
    }
    let params: Option<Vec<Param>> = ft
        .params
        .iter()
        .map(|(name, t)| Some(Param { name: name.to_string(), ty: val(space, t)?, span: Default::default() }))
        .collect();
    let result = match &ft.result {
        Some(t) => val(space, t).map(Some),
        None => Some(None),
    };
    match (params, result) {
        (Some(params), Some(result)) => Ty::Func(Arc::new(Function {
            name: String::new(),
            kind: FunctionKind::Freestanding,
            params,
            result,
            docs: Default::default(),
            stability: Default::default(),
            span: Default::default(),
            external_id: None,
        })),
        _ => Ty::Opaque,
    }
}
