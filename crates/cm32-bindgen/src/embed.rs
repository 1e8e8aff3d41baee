//! The world as Rust code: an expression that builds the `Resolve` the bindings were generated
//! from, item by item, in arena order. Decoding a binary copy at run time validated a component
//! type and rebuilt the packages (most of `cm32 run`'s startup); building it directly allocates
//! the strings and nothing else.
//!
//! The code names every field and variant of wit-parser's types without a wildcard, so that a new
//! field or variant in wit-parser fails this crate's build instead of being dropped.

use proc_macro2::TokenStream;
use quote::quote;
use wit_parser::{
    Docs, Function, FunctionKind, Handle, Interface, Package, PackageName, Resolve, Stability, Type, TypeDef,
    TypeDefKind, TypeOwner, World, WorldId, WorldItem, WorldKey,
};

/// An expression of type `(wit_parser::Resolve, wit_parser::WorldId)` equal to `(resolve, world)`
/// in everything but spans and the source map, which a decoded resolve lacks too.
pub fn resolve_expr(resolve: &Resolve, world: WorldId) -> TokenStream {
    let packages = resolve.packages.iter().map(|(_, p)| package(p));
    let interfaces = resolve.interfaces.iter().map(|(_, i)| interface(i));
    let types = resolve.types.iter().map(|(_, t)| typedef(t));
    let worlds = resolve.worlds.iter().map(|(_, w)| world_def(w));
    let package_names = resolve.package_names.iter().map(|(name, id)| {
        let name = package_name(name);
        let id = id.index();
        quote!((#name, b.package(#id)))
    });
    let features = resolve.features.iter();
    let all_features = resolve.all_features;
    let world = world.index();
    quote! {{
        use ::cm32_host::__bindgen::wit_parser as wp;
        let b = ::cm32_host::__bindgen::ResolveBuilder::new();
        let packages = ::std::vec![#(#packages),*];
        let interfaces = ::std::vec![#(#interfaces),*];
        let types = ::std::vec![#(#types),*];
        let worlds = ::std::vec![#(#worlds),*];
        let package_names = ::std::vec![#(#package_names),*];
        let features: &[&str] = &[#(#features),*];
        let world = b.world(#world);
        (b.finish(packages, interfaces, types, worlds, package_names, features, #all_features), world)
    }}
}

fn string(s: &str) -> TokenStream {
    quote!(::std::string::String::from(#s))
}

/// `Some(<make(value)>)` or `None`.
fn opt<T: ?Sized>(value: Option<&T>, make: impl Fn(&T) -> TokenStream) -> TokenStream {
    match value {
        Some(value) => {
            let value = make(value);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn opt_string(s: &Option<String>) -> TokenStream {
    opt(s.as_deref(), string)
}

fn docs(d: &Docs) -> TokenStream {
    let contents = opt_string(&d.contents);
    quote!(wp::Docs { contents: #contents })
}

fn version(v: &Option<semver::Version>) -> TokenStream {
    opt(v.as_ref(), |v| {
        let v = v.to_string();
        quote!(b.version(#v))
    })
}

fn stability(s: &Stability) -> TokenStream {
    match s {
        Stability::Unknown => quote!(wp::Stability::Unknown),
        Stability::Unstable { feature, deprecated } => {
            let feature = string(feature);
            let deprecated = version(deprecated);
            quote!(wp::Stability::Unstable { feature: #feature, deprecated: #deprecated })
        }
        Stability::Stable { since, deprecated } => {
            let since = since.to_string();
            let deprecated = version(deprecated);
            quote!(wp::Stability::Stable { since: b.version(#since), deprecated: #deprecated })
        }
    }
}

fn package_name(n: &PackageName) -> TokenStream {
    let PackageName { namespace, name, version: v } = n;
    let (namespace, name, v) = (string(namespace), string(name), version(v));
    quote!(wp::PackageName { namespace: #namespace, name: #name, version: #v })
}

fn package(p: &Package) -> TokenStream {
    let Package { name, docs: d, interfaces, worlds } = p;
    let name = package_name(name);
    let d = docs(d);
    let interfaces = interfaces.iter().map(|(n, id)| {
        let id = id.index();
        quote!((::std::string::String::from(#n), b.interface(#id)))
    });
    let worlds = worlds.iter().map(|(n, id)| {
        let id = id.index();
        quote!((::std::string::String::from(#n), b.world(#id)))
    });
    quote!(wp::Package {
        name: #name,
        docs: #d,
        interfaces: [#(#interfaces),*].into_iter().collect(),
        worlds: [#(#worlds),*].into_iter().collect(),
    })
}

fn opt_id(index: Option<usize>, make: TokenStream) -> TokenStream {
    opt(index.as_ref(), |i| quote!(b.#make(#i)))
}

fn interface(i: &Interface) -> TokenStream {
    let Interface { name, types, functions, docs: d, stability: s, package, span: _, clone_of } = i;
    let name = opt_string(name);
    let types = types.iter().map(|(n, id)| {
        let id = id.index();
        quote!((::std::string::String::from(#n), b.ty(#id)))
    });
    let functions = functions.iter().map(|(n, f)| {
        let f = function(f);
        quote!((::std::string::String::from(#n), #f))
    });
    let (d, s) = (docs(d), stability(s));
    let package = opt_id(package.map(|p| p.index()), quote!(package));
    let clone_of = opt_id(clone_of.map(|p| p.index()), quote!(interface));
    quote!(wp::Interface {
        name: #name,
        types: [#(#types),*].into_iter().collect(),
        functions: [#(#functions),*].into_iter().collect(),
        docs: #d,
        stability: #s,
        package: #package,
        span: ::core::default::Default::default(),
        clone_of: #clone_of,
    })
}

fn ty(t: &Type) -> TokenStream {
    match t {
        Type::Bool => quote!(wp::Type::Bool),
        Type::U8 => quote!(wp::Type::U8),
        Type::U16 => quote!(wp::Type::U16),
        Type::U32 => quote!(wp::Type::U32),
        Type::U64 => quote!(wp::Type::U64),
        Type::S8 => quote!(wp::Type::S8),
        Type::S16 => quote!(wp::Type::S16),
        Type::S32 => quote!(wp::Type::S32),
        Type::S64 => quote!(wp::Type::S64),
        Type::F32 => quote!(wp::Type::F32),
        Type::F64 => quote!(wp::Type::F64),
        Type::Char => quote!(wp::Type::Char),
        Type::String => quote!(wp::Type::String),
        Type::ErrorContext => quote!(wp::Type::ErrorContext),
        Type::Id(id) => {
            let id = id.index();
            quote!(wp::Type::Id(b.ty(#id)))
        }
    }
}

fn opt_ty(t: &Option<Type>) -> TokenStream {
    opt(t.as_ref(), ty)
}

fn function(f: &Function) -> TokenStream {
    let Function { name, kind, params, result, docs: d, stability: s, span: _, external_id } = f;
    let name = string(name);
    let kind = function_kind(kind);
    let params = params.iter().map(|p| {
        let wit_parser::Param { name, ty: t, span: _ } = p;
        let (name, t) = (string(name), ty(t));
        quote!(wp::Param { name: #name, ty: #t, span: ::core::default::Default::default() })
    });
    let result = opt_ty(result);
    let (d, s, external_id) = (docs(d), stability(s), opt_string(external_id));
    quote!(wp::Function {
        name: #name,
        kind: #kind,
        params: ::std::vec![#(#params),*],
        result: #result,
        docs: #d,
        stability: #s,
        span: ::core::default::Default::default(),
        external_id: #external_id,
    })
}

fn function_kind(k: &FunctionKind) -> TokenStream {
    let on = |variant: TokenStream, id: &wit_parser::TypeId| {
        let id = id.index();
        quote!(wp::FunctionKind::#variant(b.ty(#id)))
    };
    match k {
        FunctionKind::Freestanding => quote!(wp::FunctionKind::Freestanding),
        FunctionKind::AsyncFreestanding => quote!(wp::FunctionKind::AsyncFreestanding),
        FunctionKind::Getter => quote!(wp::FunctionKind::Getter),
        FunctionKind::Setter => quote!(wp::FunctionKind::Setter),
        FunctionKind::Method(id) => on(quote!(Method), id),
        FunctionKind::AsyncMethod(id) => on(quote!(AsyncMethod), id),
        FunctionKind::MethodGetter(id) => on(quote!(MethodGetter), id),
        FunctionKind::MethodSetter(id) => on(quote!(MethodSetter), id),
        FunctionKind::Static(id) => on(quote!(Static), id),
        FunctionKind::AsyncStatic(id) => on(quote!(AsyncStatic), id),
        FunctionKind::StaticGetter(id) => on(quote!(StaticGetter), id),
        FunctionKind::StaticSetter(id) => on(quote!(StaticSetter), id),
        FunctionKind::Constructor(id) => on(quote!(Constructor), id),
    }
}

fn typedef(t: &TypeDef) -> TokenStream {
    let TypeDef { name, kind, owner, docs: d, stability: s, span: _, external_id } = t;
    let name = opt_string(name);
    let kind = typedef_kind(kind);
    let owner = match owner {
        TypeOwner::World(id) => {
            let id = id.index();
            quote!(wp::TypeOwner::World(b.world(#id)))
        }
        TypeOwner::Interface(id) => {
            let id = id.index();
            quote!(wp::TypeOwner::Interface(b.interface(#id)))
        }
        TypeOwner::None => quote!(wp::TypeOwner::None),
    };
    let (d, s, external_id) = (docs(d), stability(s), opt_string(external_id));
    quote!(wp::TypeDef {
        name: #name,
        kind: #kind,
        owner: #owner,
        docs: #d,
        stability: #s,
        span: ::core::default::Default::default(),
        external_id: #external_id,
    })
}

fn typedef_kind(k: &TypeDefKind) -> TokenStream {
    match k {
        TypeDefKind::Record(r) => {
            let fields = r.fields.iter().map(|f| {
                let wit_parser::Field { name, ty: t, docs: d, span: _ } = f;
                let (name, t, d) = (string(name), ty(t), docs(d));
                quote!(wp::Field { name: #name, ty: #t, docs: #d, span: ::core::default::Default::default() })
            });
            quote!(wp::TypeDefKind::Record(wp::Record { fields: ::std::vec![#(#fields),*] }))
        }
        TypeDefKind::Resource => quote!(wp::TypeDefKind::Resource),
        TypeDefKind::Handle(h) => {
            let (variant, id) = match h {
                Handle::Own(id) => (quote!(Own), id.index()),
                Handle::Borrow(id) => (quote!(Borrow), id.index()),
            };
            quote!(wp::TypeDefKind::Handle(wp::Handle::#variant(b.ty(#id))))
        }
        TypeDefKind::Flags(f) => {
            let flags = f.flags.iter().map(|f| {
                let wit_parser::Flag { name, docs: d, span: _ } = f;
                let (name, d) = (string(name), docs(d));
                quote!(wp::Flag { name: #name, docs: #d, span: ::core::default::Default::default() })
            });
            quote!(wp::TypeDefKind::Flags(wp::Flags { flags: ::std::vec![#(#flags),*] }))
        }
        TypeDefKind::Tuple(t) => {
            let types = t.types.iter().map(ty);
            quote!(wp::TypeDefKind::Tuple(wp::Tuple { types: ::std::vec![#(#types),*] }))
        }
        TypeDefKind::Variant(v) => {
            let cases = v.cases.iter().map(|c| {
                let wit_parser::Case { name, ty: t, docs: d, span: _ } = c;
                let (name, t, d) = (string(name), opt_ty(t), docs(d));
                quote!(wp::Case { name: #name, ty: #t, docs: #d, span: ::core::default::Default::default() })
            });
            quote!(wp::TypeDefKind::Variant(wp::Variant { cases: ::std::vec![#(#cases),*] }))
        }
        TypeDefKind::Enum(e) => {
            let cases = e.cases.iter().map(|c| {
                let wit_parser::EnumCase { name, docs: d, span: _ } = c;
                let (name, d) = (string(name), docs(d));
                quote!(wp::EnumCase { name: #name, docs: #d, span: ::core::default::Default::default() })
            });
            quote!(wp::TypeDefKind::Enum(wp::Enum { cases: ::std::vec![#(#cases),*] }))
        }
        TypeDefKind::Option(t) => {
            let t = ty(t);
            quote!(wp::TypeDefKind::Option(#t))
        }
        TypeDefKind::Result(r) => {
            let (ok, err) = (opt_ty(&r.ok), opt_ty(&r.err));
            quote!(wp::TypeDefKind::Result(wp::Result_ { ok: #ok, err: #err }))
        }
        TypeDefKind::List(t) => {
            let t = ty(t);
            quote!(wp::TypeDefKind::List(#t))
        }
        TypeDefKind::Map(k, v) => {
            let (k, v) = (ty(k), ty(v));
            quote!(wp::TypeDefKind::Map(#k, #v))
        }
        TypeDefKind::FixedLengthList(t, n) => {
            let t = ty(t);
            quote!(wp::TypeDefKind::FixedLengthList(#t, #n))
        }
        TypeDefKind::Future(t) => {
            let t = opt_ty(t);
            quote!(wp::TypeDefKind::Future(#t))
        }
        TypeDefKind::Stream(t) => {
            let t = opt_ty(t);
            quote!(wp::TypeDefKind::Stream(#t))
        }
        TypeDefKind::Type(t) => {
            let t = ty(t);
            quote!(wp::TypeDefKind::Type(#t))
        }
        TypeDefKind::Unknown => quote!(wp::TypeDefKind::Unknown),
    }
}

fn world_key(k: &WorldKey) -> TokenStream {
    match k {
        WorldKey::Name(n) => {
            let n = string(n);
            quote!(wp::WorldKey::Name(#n))
        }
        WorldKey::Interface(id) => {
            let id = id.index();
            quote!(wp::WorldKey::Interface(b.interface(#id)))
        }
    }
}

fn world_item(i: &WorldItem) -> TokenStream {
    match i {
        WorldItem::Interface { id, stability: s, external_id, docs: d, span: _ } => {
            let id = id.index();
            let (s, external_id, d) = (stability(s), opt_string(external_id), docs(d));
            quote!(wp::WorldItem::Interface {
                id: b.interface(#id),
                stability: #s,
                external_id: #external_id,
                docs: #d,
                span: ::core::default::Default::default(),
            })
        }
        WorldItem::Function(f) => {
            let f = function(f);
            quote!(wp::WorldItem::Function(#f))
        }
        WorldItem::Type { id, span: _ } => {
            let id = id.index();
            quote!(wp::WorldItem::Type { id: b.ty(#id), span: ::core::default::Default::default() })
        }
    }
}

fn world_def(w: &World) -> TokenStream {
    let World { name, imports, exports, package, docs: d, stability: s, includes, span: _ } = w;
    let name = string(name);
    let items = |items: &wit_parser::IndexMap<WorldKey, WorldItem>| {
        let items = items.iter().map(|(k, i)| {
            let (k, i) = (world_key(k), world_item(i));
            quote!((#k, #i))
        });
        quote!([#(#items),*].into_iter().collect())
    };
    let (imports, exports) = (items(imports), items(exports));
    let package = opt_id(package.map(|p| p.index()), quote!(package));
    let (d, s) = (docs(d), stability(s));
    let includes = includes.iter().map(|i| {
        let wit_parser::WorldInclude { stability: s, id, names, span: _ } = i;
        let (s, id) = (stability(s), id.index());
        let names = names.iter().map(|n| {
            let wit_parser::IncludeName { name, as_ } = n;
            let (name, as_) = (string(name), string(as_));
            quote!(wp::IncludeName { name: #name, as_: #as_ })
        });
        quote!(wp::WorldInclude {
            stability: #s,
            id: b.world(#id),
            names: ::std::vec![#(#names),*],
            span: ::core::default::Default::default(),
        })
    });
    quote!(wp::World {
        name: #name,
        imports: #imports,
        exports: #exports,
        package: #package,
        docs: #d,
        stability: #s,
        includes: ::std::vec![#(#includes),*],
        span: ::core::default::Default::default(),
    })
}
