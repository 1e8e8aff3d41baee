//! The bindings of a world: one module per interface (imported ones at `ns::pkg::iface`, exported
//! ones under `exports::`), the host traits and `add_to_linker` of the imports, the `Guest`
//! structs of the exports, and the world's own struct and `Pre`.

use std::collections::{BTreeMap, HashMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use wit_parser::{
    Function, FunctionKind, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem,
};

use crate::names::{camel, docs, prefixed, snake};
use crate::options::Options;
use crate::typedefs::{Mode, relative};

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Dir {
    Import,
    Export,
}

pub fn err(message: &str) -> syn::Error {
    syn::Error::new(Span::call_site(), message)
}

pub struct Generator<'a> {
    pub resolve: &'a Resolve,
    world: WorldId,
    pub options: &'a Options,
    exported: HashSet<InterfaceId>,
    /// The WIT name of each interface the world imports or exports (`ns:pkg/iface@1.0.0`, or
    /// the name of an inline interface), as functions are named by.
    wit_names: HashMap<(InterfaceId, Dir), String>,
    pub with_ifaces: HashMap<InterfaceId, syn::Path>,
    pub with_types: HashMap<TypeId, syn::Path>,
    trappable: HashMap<TypeId, syn::Type>,
    /// Sizes, alignments and offsets of every type, as the Canonical ABI lays them out.
    pub sizes: wit_parser::SizeAlign,
}

/// How a host function's Rust result becomes the WIT result.
enum Returns {
    /// The function cannot trap: its value is the result.
    Value,
    /// `trappable_imports`: a `cm32_host::Result`.
    Trappable,
    /// A `trappable_error_type`: the host's error is converted by `convert` of the Host trait
    /// `host` (of the interface that defines the error type); converting may trap.
    Converted { host: TokenStream, convert: Ident },
}

struct HostFn<'f> {
    func: &'f Function,
    name: Ident,
    params: Vec<(Ident, TokenStream)>,
    /// The Rust type of the WIT result (`()` for none).
    wit_result: TokenStream,
    /// What the host's trait method returns.
    returns_ty: TokenStream,
    returns: Returns,
}

impl<'a> Generator<'a> {
    pub fn new(loaded: &'a cm32_abi::LoadedWorld, options: &'a Options) -> syn::Result<Self> {
        let resolve = &loaded.resolve;
        let w = &resolve.worlds[loaded.world];
        let mut generator = Generator {
            resolve,
            world: loaded.world,
            options,
            exported: HashSet::new(),
            wit_names: HashMap::new(),
            with_ifaces: HashMap::new(),
            with_types: HashMap::new(),
            trappable: HashMap::new(),
            sizes: wit_parser::SizeAlign::default(),
        };
        generator.sizes.fill(resolve).map_err(|e| err(&format!("cannot lay the world's types out: {e:#}")))?;
        for (dir, items) in [(Dir::Import, &w.imports), (Dir::Export, &w.exports)] {
            for (key, item) in items {
                if let WorldItem::Interface { id, .. } = item {
                    generator.wit_names.insert((*id, dir), resolve.name_world_key(key));
                    if dir == Dir::Export {
                        generator.exported.insert(*id);
                    }
                }
            }
        }
        for (name, (lit, path)) in &options.with {
            let imported = |id: &InterfaceId| generator.wit_names.contains_key(&(*id, Dir::Import));
            if let Some(id) = generator.interface_named(name).filter(imported) {
                generator.with_ifaces.insert(id, path.clone());
            } else if let Some(id) = generator.type_named(name, imported) {
                generator.with_types.insert(id, path.clone());
            } else {
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "`with` names `{name}`, which is neither an interface world `{}` imports nor a type of \
                         one; name an interface as `ns:pkg/iface` and a type as `ns:pkg/iface/type`; it imports: {}",
                        w.name,
                        generator.interface_list(Some(Dir::Import))
                    ),
                ));
            }
        }
        for (name, (lit, ty)) in &options.trappable_error_type {
            let any = |_: &InterfaceId| true;
            let id = generator.type_named(name, any).ok_or_else(|| {
                syn::Error::new(
                    lit.span(),
                    format!(
                        "`trappable_error_type` names `{name}`, which is not a type of an interface of world `{}` \
                         (name it as `ns:pkg/iface/type`); its interfaces: {}",
                        w.name,
                        generator.interface_list(None)
                    ),
                )
            })?;
            generator.trappable.insert(generator.dealias(id), ty.clone());
        }
        Ok(generator)
    }

    /// The interfaces the world imports (or exports, or both), for messages.
    fn interface_list(&self, dir: Option<Dir>) -> String {
        let mut names: Vec<&str> = self
            .wit_names
            .iter()
            .filter(|((_, d), _)| dir.is_none_or(|dir| *d == dir))
            .map(|(_, n)| n.as_str())
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() { "(none)".into() } else { names.join(", ") }
    }

    /// An interface of the world by `ns:pkg/iface`, with or without its version.
    fn interface_named(&self, name: &str) -> Option<InterfaceId> {
        self.wit_names.iter().map(|((id, _), _)| *id).find(|id| {
            let iface = &self.resolve.interfaces[*id];
            let (Some(pkg), Some(iface_name)) = (iface.package, &iface.name) else {
                return self.wit_names.iter().any(|((i, _), n)| i == id && n == name);
            };
            let pkg = &self.resolve.packages[pkg].name;
            let bare = format!("{}:{}/{iface_name}", pkg.namespace, pkg.name);
            let versioned = pkg.version.as_ref().map(|v| format!("{bare}@{v}"));
            bare == name || versioned.as_deref() == Some(name)
        })
    }

    /// A type of an interface of the world by `ns:pkg/iface/type`.
    fn type_named(&self, name: &str, wanted: impl Fn(&InterfaceId) -> bool) -> Option<TypeId> {
        let (iface, ty) = name.rsplit_once('/')?;
        let id = self.interface_named(iface).filter(wanted)?;
        self.resolve.interfaces[id].types.get(ty).copied()
    }

    /// A path the user wrote (in `with` or `trappable_error_type`), as seen from `module`: paths
    /// relative to where the macro was invoked get a `super::` for each level of nesting;
    /// `crate::`, `::` and `$crate` paths are absolute already.
    pub fn user_path<P: quote::ToTokens>(&self, path: &P, module: &[String]) -> TokenStream {
        let tokens = quote!(#path);
        let text = tokens.to_string();
        if text.starts_with("crate") || text.starts_with("::") || text.starts_with("$crate") {
            return tokens;
        }
        let supers = module.iter().map(|_| quote!(super::));
        quote!(#(#supers)* #tokens)
    }

    /// Which side's module holds the types of `iface` for code in direction `dir`: an exported
    /// interface's own, or else the imported one's.
    pub fn side_of(&self, iface: InterfaceId, dir: Dir) -> Dir {
        if dir == Dir::Export && self.exported.contains(&iface) { Dir::Export } else { Dir::Import }
    }

    /// The module of an interface, from the root of the generated code.
    pub fn iface_module(&self, id: InterfaceId, dir: Dir) -> Vec<String> {
        let mut path = if dir == Dir::Export { vec!["exports".to_string()] } else { Vec::new() };
        let iface = &self.resolve.interfaces[id];
        match (iface.package, &iface.name) {
            (Some(pkg), Some(name)) => {
                let pkg = &self.resolve.packages[pkg].name;
                path.extend([snake(&pkg.namespace), snake(&pkg.name), snake(name)].map(|i| i.to_string()));
            }
            _ => {
                let key = self.wit_names.get(&(id, dir)).map_or("interface", |n| n.as_str());
                path.push(snake(key).to_string());
            }
        }
        path
    }

    pub fn generate(&self, embedded_world: &TokenStream) -> syn::Result<TokenStream> {
        let w = &self.resolve.worlds[self.world];
        let mut modules: BTreeMap<Vec<String>, Vec<TokenStream>> = BTreeMap::new();
        let mut root = Vec::new();
        let mut world_imports = Vec::new();
        let mut world_resources = Vec::new();
        let mut import_ifaces = Vec::new();
        for item in w.imports.values() {
            match item {
                WorldItem::Interface { id, .. } => {
                    import_ifaces.push(*id);
                    if !self.with_ifaces.contains_key(id) {
                        let path = self.iface_module(*id, Dir::Import);
                        let code = self.import_interface(*id, &path)?;
                        modules.entry(path).or_default().push(code);
                    }
                }
                WorldItem::Type { id, .. } => {
                    root.push(self.typedef(*id, &[], Dir::Import)?);
                    if matches!(self.resolve.types[*id].kind, TypeDefKind::Resource) {
                        world_resources.push(*id);
                    }
                }
                WorldItem::Function(f) => world_imports.push(f),
            }
        }
        let mut export_ifaces = Vec::new();
        let mut world_exports = Vec::new();
        for item in w.exports.values() {
            match item {
                WorldItem::Interface { id, .. } => {
                    let path = self.iface_module(*id, Dir::Export);
                    let code = self.export_interface(*id, &path)?;
                    modules.entry(path.clone()).or_default().push(code);
                    export_ifaces.push((*id, path));
                }
                WorldItem::Function(f) => world_exports.push(f),
                WorldItem::Type { .. } => {}
            }
        }
        let world_name = camel(&w.name);
        let imports_trait = format_ident!("{world_name}Imports");
        let has_world_imports = !world_imports.is_empty() || !world_resources.is_empty();
        if has_world_imports {
            let host = self.host_side(&[], None, &world_resources, &world_imports, &imports_trait)?;
            root.push(host.definitions);
            let linking = host.linking;
            root.push(quote! {
                #[allow(clippy::all)]
                impl #world_name {
                    /// Defines the world's own imports (not those of its interfaces) in `linker`.
                    pub fn add_to_linker_imports<T: Send + 'static, E: ::cm32_host::engine::Engine, D: #imports_trait + 'static, G>(
                        linker: &mut ::cm32_host::Linker<T, E>,
                        get: G,
                    ) -> ::core::result::Result<(), ::cm32_host::LinkError>
                    where
                        G: Fn(&mut T) -> &mut D + Copy + Send + Sync + 'static,
                    {
                        #(#linking)*
                        Ok(())
                    }
                }
            });
        }
        root.push(self.world_struct(
            &world_name,
            embedded_world,
            &import_ifaces,
            has_world_imports,
            &export_ifaces,
            &world_exports,
        )?);
        let tree = render(&modules);
        Ok(quote! {
            #(#root)*
            #tree
        })
    }

    fn import_interface(&self, id: InterfaceId, module: &[String]) -> syn::Result<TokenStream> {
        let iface = &self.resolve.interfaces[id];
        let typedefs =
            iface.types.values().map(|t| self.typedef(*t, module, Dir::Import)).collect::<syn::Result<Vec<_>>>()?;
        let resources: Vec<TypeId> = iface
            .types
            .values()
            .copied()
            .filter(|t| {
                let def = &self.resolve.types[*t];
                matches!(def.kind, TypeDefKind::Resource) && def.owner == TypeOwner::Interface(id)
            })
            .collect();
        let funcs: Vec<&Function> = iface.functions.values().collect();
        let wit = &self.wit_names[&(id, Dir::Import)];
        let host = self.host_side(module, Some((id, wit)), &resources, &funcs, &format_ident!("Host"))?;
        let (definitions, linking, bounds) = (host.definitions, host.linking, host.bounds);
        let doc = docs(&iface.docs);
        Ok(quote! {
            #doc
            #(#typedefs)*
            #definitions

            /// Defines every function of this interface, and the destructors of its resources,
            /// in `linker`; `get` finds the host's state in the store's data. What the linker's
            /// world lacks (it may import an older version of the interface) is passed over.
            pub fn add_to_linker<T: Send + 'static, E: ::cm32_host::engine::Engine, D: Host #(+ #bounds)* + 'static, G>(
                linker: &mut ::cm32_host::Linker<T, E>,
                get: G,
            ) -> ::core::result::Result<(), ::cm32_host::LinkError>
            where
                G: Fn(&mut T) -> &mut D + Copy + Send + Sync + 'static,
            {
                #(#linking)*
                Ok(())
            }
        })
    }

    /// The host traits of an imported interface (or the world's own imports), and the
    /// statements that define its functions in a linker.
    fn host_side(
        &self,
        module: &[String],
        iface: Option<(InterfaceId, &str)>,
        resources: &[TypeId],
        funcs: &[&Function],
        trait_name: &Ident,
    ) -> syn::Result<HostSide> {
        let mut definitions = Vec::new();
        let mut linking = Vec::new();
        let mut bounds: Vec<TokenStream> = Vec::new();
        let wit_of = |name: &str| match iface {
            Some((_, wit)) => format!("{wit}#{name}"),
            None => name.to_string(),
        };
        let mut supertraits = Vec::new();
        for resource in resources {
            let def = &self.resolve.types[*resource];
            let wit_name = def.name.as_deref().unwrap_or_default();
            let (res, trait_ident) = (camel(wit_name), format_ident!("Host{}", camel(wit_name)));
            let mut methods = Vec::new();
            for func in funcs.iter().filter(|f| self.resource_of(f) == Some(*resource)) {
                let host = self.host_fn(func, module)?;
                methods.push(host.signature());
                linking.push(self.define(&host, &quote!(#trait_ident), &wit_of(&func.name), &mut bounds));
            }
            let doc = docs(&def.docs);
            definitions.push(quote! {
                #doc
                pub trait #trait_ident {
                    #(#methods)*
                    /// The guest dropped its last owning handle of `rep`. A trap here poisons the
                    /// instance.
                    fn drop(&mut self, rep: ::cm32_host::Resource<#res>) -> ::cm32_host::Result<()>;
                }
            });
            let dtor_wit = wit_of(wit_name);
            linking.push(quote! {
                ::cm32_host::__bindgen::skip_unknown(linker.resource(#dtor_wit, move |data: &mut T, rep: u32| {
                    <D as #trait_ident>::drop(get(data), ::cm32_host::Resource::new_own(rep))
                }))?;
            });
            supertraits.push(quote!(#trait_ident));
        }
        let mut methods = Vec::new();
        for func in funcs.iter().filter(|f| self.resource_of(f).is_none()) {
            let host = self.host_fn(func, module)?;
            methods.push(host.signature());
            linking.push(self.define(&host, &quote!(#trait_name), &wit_of(&func.name), &mut bounds));
        }
        // The conversions of the trappable error types this interface defines.
        if let Some((id, _)) = iface {
            for (ty, user) in &self.trappable {
                let def = &self.resolve.types[*ty];
                if def.owner == TypeOwner::Interface(id) {
                    let user = self.user_path(user, module);
                    let name = def.name.as_deref().unwrap_or_default();
                    let (convert, wit_ty) = (prefixed("convert_", name), camel(name));
                    methods.push(quote! {
                        /// Turns the host's error into the WIT error the guest receives, or a trap.
                        fn #convert(&mut self, err: #user) -> ::cm32_host::Result<#wit_ty>;
                    });
                }
            }
        }
        let colon = (!supertraits.is_empty()).then(|| quote!(:));
        definitions.push(quote! {
            pub trait #trait_name #colon #(#supertraits)+* {
                #(#methods)*
            }
        });
        bounds.retain(|b| b.to_string() != quote!(#trait_name).to_string());
        let mut seen = HashSet::new();
        bounds.retain(|b| seen.insert(b.to_string()));
        Ok(HostSide { definitions: quote!(#(#definitions)*), linking, bounds })
    }

    /// The resource a constructor, method or static function belongs to.
    fn resource_of(&self, func: &Function) -> Option<TypeId> {
        match func.kind {
            FunctionKind::Constructor(r) | FunctionKind::Method(r) | FunctionKind::Static(r) => Some(self.dealias(r)),
            _ => None,
        }
    }

    fn check_sync(&self, func: &Function) -> syn::Result<()> {
        match func.kind {
            FunctionKind::Freestanding
            | FunctionKind::Constructor(_)
            | FunctionKind::Method(_)
            | FunctionKind::Static(_) => Ok(()),
            _ => Err(err(&format!(
                "`{}` is an async function, which cm32 cannot host yet (the async ABI is not implemented)",
                func.name
            ))),
        }
    }

    fn method_name(func: &Function) -> Ident {
        match func.kind {
            FunctionKind::Constructor(_) => format_ident!("new"),
            _ => snake(func.item_name()),
        }
    }

    fn params(
        &self,
        func: &Function,
        module: &[String],
        dir: Dir,
        mode: Mode,
    ) -> syn::Result<Vec<(Ident, TokenStream)>> {
        func.params
            .iter()
            .map(|p| {
                let name = if p.name == "self" { format_ident!("self_") } else { snake(&p.name) };
                Ok((name, self.rust_ty(&p.ty, module, dir, mode)?))
            })
            .collect()
    }

    fn host_fn<'f>(&self, func: &'f Function, module: &[String]) -> syn::Result<HostFn<'f>> {
        self.check_sync(func)?;
        let params = self.params(func, module, Dir::Import, Mode::Owned)?;
        let wit_result = match &func.result {
            Some(t) => self.rust_ty(t, module, Dir::Import, Mode::Owned)?,
            None => quote!(()),
        };
        if let Some((ok, error)) = self.trappable_result(func) {
            let ok = match ok {
                Some(t) => self.rust_ty(&t, module, Dir::Import, Mode::Owned)?,
                None => quote!(()),
            };
            let user = self.user_path(&self.trappable[&error], module);
            let def = &self.resolve.types[error];
            let TypeOwner::Interface(owner) = def.owner else {
                return Err(err("a trappable error type outside an interface"));
            };
            let host = match self.with_ifaces.get(&owner) {
                Some(path) => {
                    let path = self.user_path(path, module);
                    quote!(#path::Host)
                }
                None => relative(module, &self.iface_module(owner, Dir::Import), &format_ident!("Host")),
            };
            let convert = prefixed("convert_", def.name.as_deref().unwrap_or_default());
            return Ok(HostFn {
                func,
                name: Self::method_name(func),
                params,
                wit_result,
                returns_ty: quote!(::core::result::Result<#ok, #user>),
                returns: Returns::Converted { host, convert },
            });
        }
        let (returns_ty, returns) = if self.options.trappable_imports.covers(&func.name) {
            (quote!(::cm32_host::Result<#wit_result>), Returns::Trappable)
        } else {
            (wit_result.clone(), Returns::Value)
        };
        Ok(HostFn { func, name: Self::method_name(func), params, wit_result, returns_ty, returns })
    }

    /// The `ok` type and the error type of a function returning `result<_, E>` where `E` is a
    /// trappable error type.
    fn trappable_result(&self, func: &Function) -> Option<(Option<Type>, TypeId)> {
        let Some(Type::Id(mut id)) = func.result else { return None };
        while let TypeDefKind::Type(Type::Id(next)) = self.resolve.types[id].kind {
            id = next;
        }
        let TypeDefKind::Result(result) = &self.resolve.types[id].kind else { return None };
        let Some(Type::Id(error)) = result.err else { return None };
        let error = self.dealias(error);
        self.trappable.contains_key(&error).then_some((result.ok, error))
    }

    /// `linker.define_typed(...)` for one host function.
    fn define(
        &self,
        host: &HostFn<'_>,
        trait_path: &TokenStream,
        wit: &str,
        bounds: &mut Vec<TokenStream>,
    ) -> TokenStream {
        let names: Vec<&Ident> = host.params.iter().map(|(n, _)| n).collect();
        let tys: Vec<&TokenStream> = host.params.iter().map(|(_, t)| t).collect();
        let method = &host.name;
        let call = quote!(<D as #trait_path>::#method(host, #(#names),*));
        let body = match &host.returns {
            Returns::Value => quote!(Ok(#call)),
            Returns::Trappable => call,
            Returns::Converted { host: defining, convert } => {
                bounds.push(defining.clone());
                quote! {
                    match #call {
                        Ok(value) => Ok(Ok(value)),
                        Err(error) => Ok(Err(<D as #defining>::#convert(host, error)?)),
                    }
                }
            }
        };
        let wit_result = &host.wit_result;
        quote! {
            ::cm32_host::__bindgen::skip_unknown(linker.define_typed(#wit, move |cx: &mut ::cm32_host::HostCx<'_, T>, (#(#names,)*): (#(#tys,)*)| -> ::cm32_host::Result<#wit_result> {
                let host = get(cx.data);
                #body
            }))?;
        }
    }

    fn export_interface(&self, id: InterfaceId, module: &[String]) -> syn::Result<TokenStream> {
        let iface = &self.resolve.interfaces[id];
        let wit = &self.wit_names[&(id, Dir::Export)];
        let typedefs =
            iface.types.values().map(|t| self.typedef(*t, module, Dir::Export)).collect::<syn::Result<Vec<_>>>()?;
        let wit_of = |name: &str| format!("{wit}#{name}");
        let mut resource_structs = Vec::new();
        let mut fields = Vec::new();
        let mut lookups = Vec::new();
        let mut methods = Vec::new();
        for (name, ty) in &iface.types {
            let def = &self.resolve.types[*ty];
            if !matches!(def.kind, TypeDefKind::Resource) || def.owner != TypeOwner::Interface(id) {
                continue;
            }
            let guest = format_ident!("Guest{}", camel(name));
            let mut r_fields = Vec::new();
            let mut r_lookups = Vec::new();
            let mut r_methods = Vec::new();
            for func in iface.functions.values().filter(|f| self.resource_of(f) == Some(*ty)) {
                let call = self.export_call(func, module, &wit_of(&func.name))?;
                r_fields.push(call.field);
                r_lookups.push(call.lookup);
                r_methods.push(call.method);
            }
            resource_structs.push(quote! {
                /// Calls of the constructor, methods and static functions of a resource the guest exports.
                #[derive(Clone)]
                pub struct #guest {
                    #(#r_fields: ::cm32_host::ExportFunc,)*
                }

                impl #guest {
                    pub fn new<X: ::cm32_host::ExportLookup>(exports: &X) -> ::core::result::Result<Self, ::cm32_host::CallError> {
                        Ok(#guest { #(#r_lookups)* })
                    }
                    #(#r_methods)*
                }
            });
            let accessor = snake(name);
            fields.push(quote!(#accessor: #guest));
            lookups.push(quote!(#accessor: #guest::new(exports)?,));
            methods.push(quote! {
                pub fn #accessor(&self) -> &#guest {
                    &self.#accessor
                }
            });
        }
        for func in iface.functions.values().filter(|f| self.resource_of(f).is_none()) {
            let call = self.export_call(func, module, &wit_of(&func.name))?;
            let field = call.field;
            fields.push(quote!(#field: ::cm32_host::ExportFunc));
            lookups.push(call.lookup);
            methods.push(call.method);
        }
        let doc = docs(&iface.docs);
        Ok(quote! {
            #doc
            #(#typedefs)*
            #(#resource_structs)*

            /// Calls of the functions of this interface the guest exports.
            #[derive(Clone)]
            pub struct Guest {
                #(#fields,)*
            }

            impl Guest {
                /// Finds every function of the interface among `exports` and checks its types.
                pub fn new<X: ::cm32_host::ExportLookup>(exports: &X) -> ::core::result::Result<Self, ::cm32_host::CallError> {
                    Ok(Guest { #(#lookups)* })
                }
                #(#methods)*
            }
        })
    }

    fn export_call(&self, func: &Function, module: &[String], wit: &str) -> syn::Result<ExportCall> {
        self.check_sync(func)?;
        let params = self.params(func, module, Dir::Export, Mode::Param)?;
        let result = match &func.result {
            Some(t) => self.rust_ty(t, module, Dir::Export, Mode::Owned)?,
            None => quote!(()),
        };
        let field = match func.kind {
            FunctionKind::Constructor(_) => format_ident!("constructor"),
            _ => snake(func.item_name()),
        };
        let call = format_ident!("call_{}", field.to_string().trim_end_matches('_'));
        let names: Vec<&Ident> = params.iter().map(|(n, _)| n).collect();
        let tys: Vec<&TokenStream> = params.iter().map(|(_, t)| t).collect();
        let doc = docs(&func.docs);
        Ok(ExportCall {
            lookup: quote!(#field: exports.typed_export::<(#(#tys,)*), #result>(#wit)?,),
            method: quote! {
                #doc
                pub fn #call<T: Send + 'static, E: ::cm32_host::engine::Engine>(
                    &self,
                    instance: &mut ::cm32_host::Instance<T, E>,
                    #(#names: #tys),*
                ) -> ::core::result::Result<#result, ::cm32_host::CallError> {
                    instance.call_prechecked::<(#(#tys,)*), #result>(self.#field, &(#(#names,)*))
                }
            },
            field,
        })
    }

    fn world_struct(
        &self,
        name: &Ident,
        embedded_world: &TokenStream,
        import_ifaces: &[InterfaceId],
        has_world_imports: bool,
        export_ifaces: &[(InterfaceId, Vec<String>)],
        world_exports: &[&Function],
    ) -> syn::Result<TokenStream> {
        let w = &self.resolve.worlds[self.world];
        let pre = format_ident!("{name}Pre");
        let imports_trait = format_ident!("{name}Imports");
        let mut host_bounds = Vec::new();
        let mut add_calls = Vec::new();
        for id in import_ifaces {
            let module = match self.with_ifaces.get(id) {
                Some(path) => quote!(#path),
                None => {
                    let segments = self.iface_module(*id, Dir::Import).into_iter().map(|s| format_ident!("{s}"));
                    quote!(#(#segments)::*)
                }
            };
            host_bounds.push(quote!(#module::Host));
            add_calls.push(quote!(#module::add_to_linker(linker, get)?;));
        }
        if has_world_imports {
            host_bounds.push(quote!(#imports_trait));
            add_calls.push(quote!(Self::add_to_linker_imports(linker, get)?;));
        }
        let mut fields = Vec::new();
        let mut lookups = Vec::new();
        let mut methods = Vec::new();
        for (id, module) in export_ifaces {
            let iface = &self.resolve.interfaces[*id];
            let accessor = match (iface.package, &iface.name) {
                (Some(pkg), Some(n)) => {
                    let pkg = &self.resolve.packages[pkg].name;
                    snake(&format!("{}-{}-{n}", pkg.namespace, pkg.name))
                }
                _ => snake(&self.wit_names[&(*id, Dir::Export)]),
            };
            let segments: Vec<Ident> = module.iter().map(|s| format_ident!("{s}")).collect();
            fields.push(quote!(#accessor: #(#segments)::*::Guest));
            lookups.push(quote!(#accessor: #(#segments)::*::Guest::new(exports)?,));
            methods.push(quote! {
                pub fn #accessor(&self) -> &#(#segments)::*::Guest {
                    &self.#accessor
                }
            });
        }
        for func in world_exports {
            let call = self.export_call(func, &[], &func.name)?;
            let field = call.field;
            fields.push(quote!(#field: ::cm32_host::ExportFunc));
            lookups.push(call.lookup);
            methods.push(call.method);
        }
        let world_doc = docs(&w.docs);
        let about = format!(" Bindings of the WIT world `{}`.", w.name);
        Ok(quote! {
            #world_doc
            #[doc = #about]
            #[derive(Clone)]
            pub struct #name {
                #(#fields,)*
            }

            /// A compiled and linked component or module of the world, with its exports found and
            /// checked once: [`Self::instantiate`] only makes the instance.
            pub struct #pre<T: Send + 'static, E: ::cm32_host::engine::Engine> {
                instance_pre: ::cm32_host::InstancePre<T, E>,
                indices: #name,
            }

            impl<T: Send + 'static, E: ::cm32_host::engine::Engine> Clone for #pre<T, E> {
                fn clone(&self) -> Self {
                    #pre { instance_pre: self.instance_pre.clone(), indices: self.indices.clone() }
                }
            }

            #[allow(clippy::all)]
            impl<T: Send + 'static, E: ::cm32_host::engine::Engine> #pre<T, E> {
                pub fn new(instance_pre: ::cm32_host::InstancePre<T, E>) -> ::core::result::Result<Self, ::cm32_host::LinkError> {
                    let indices = #name::new(&instance_pre).map_err(|e| ::cm32_host::LinkError::Exports(::std::boxed::Box::new(e)))?;
                    Ok(#pre { instance_pre, indices })
                }
                pub fn instance_pre(&self) -> &::cm32_host::InstancePre<T, E> {
                    &self.instance_pre
                }
                pub fn instantiate(&self, data: T) -> ::core::result::Result<(#name, ::cm32_host::Instance<T, E>), ::cm32_host::LinkError> {
                    Ok((self.indices.clone(), self.instance_pre.instantiate(data)?))
                }
            }

            #[allow(clippy::all)]
            impl #name {
                /// The world, built once per process from the copy embedded at build time.
                pub fn world() -> ::std::sync::Arc<::cm32_host::World> {
                    static WORLD: ::std::sync::OnceLock<::std::sync::Arc<::cm32_host::World>> = ::std::sync::OnceLock::new();
                    fn build() -> (::cm32_host::__bindgen::wit_parser::Resolve, ::cm32_host::__bindgen::wit_parser::WorldId) {
                        #embedded_world
                    }
                    ::cm32_host::__bindgen::world(&WORLD, build)
                }

                /// A linker for this world, with nothing defined yet.
                pub fn linker<T: Send + 'static, E: ::cm32_host::engine::Engine>() -> ::cm32_host::Linker<T, E> {
                    ::cm32_host::Linker::new(Self::world())
                }

                /// Defines every import of the world in `linker`; `get` finds the host's state in the
                /// store's data.
                pub fn add_to_linker<T: Send + 'static, E: ::cm32_host::engine::Engine, D: 'static #(+ #host_bounds)*, G>(
                    linker: &mut ::cm32_host::Linker<T, E>,
                    get: G,
                ) -> ::core::result::Result<(), ::cm32_host::LinkError>
                where
                    G: Fn(&mut T) -> &mut D + Copy + Send + Sync + 'static,
                {
                    let _ = (&linker, get);
                    #(#add_calls)*
                    Ok(())
                }

                /// Finds every export of the world among `exports` (an instance, or an
                /// `InstancePre`) and checks its types.
                pub fn new<X: ::cm32_host::ExportLookup>(exports: &X) -> ::core::result::Result<Self, ::cm32_host::CallError> {
                    let _ = exports;
                    Ok(#name { #(#lookups)* })
                }

                /// Checks, links, compiles and instantiates `wasm` (a component or a core module of
                /// the world) with the functions defined in `linker`.
                pub fn instantiate<T: Send + 'static, E: ::cm32_host::engine::Engine>(
                    linker: &::cm32_host::Linker<T, E>,
                    engine: &E,
                    wasm: &[u8],
                    data: T,
                ) -> ::core::result::Result<(Self, ::cm32_host::Instance<T, E>), ::cm32_host::LinkError> {
                    #pre::new(linker.instantiate_pre(engine, wasm)?)?.instantiate(data)
                }

                #(#methods)*
            }
        })
    }
}

struct HostSide {
    definitions: TokenStream,
    linking: Vec<TokenStream>,
    /// Host traits of other interfaces `add_to_linker` needs (those defining trappable errors).
    bounds: Vec<TokenStream>,
}

struct ExportCall {
    field: Ident,
    lookup: TokenStream,
    method: TokenStream,
}

impl HostFn<'_> {
    fn signature(&self) -> TokenStream {
        let doc = docs(&self.func.docs);
        let name = &self.name;
        let params = self.params.iter().map(|(n, t)| quote!(#n: #t));
        let ret = &self.returns_ty;
        quote!(#doc fn #name(&mut self, #(#params),*) -> #ret;)
    }
}

/// The modules, nested: `a::b::c` becomes `pub mod a { pub mod b { pub mod c { .. } } }`.
fn render(modules: &BTreeMap<Vec<String>, Vec<TokenStream>>) -> TokenStream {
    #[derive(Default)]
    struct Node {
        items: Vec<TokenStream>,
        children: BTreeMap<String, Node>,
    }
    let mut root = Node::default();
    for (path, items) in modules {
        let mut node = &mut root;
        for segment in path {
            node = node.children.entry(segment.clone()).or_default();
        }
        node.items.extend(items.iter().cloned());
    }
    fn emit(node: &Node) -> TokenStream {
        let items = &node.items;
        let children = node.children.iter().map(|(name, child)| {
            let name = format_ident!("{name}");
            let inner = emit(child);
            quote! {
                #[allow(clippy::all, dead_code, unused_imports, unused_variables, non_snake_case)]
                pub mod #name {
                    #inner
                }
            }
        });
        quote!(#(#items)* #(#children)*)
    }
    emit(&root)
}
