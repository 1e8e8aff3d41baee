//! WIT types as Rust types: where each named type lives, what an anonymous type is spelt as, and
//! the definitions (with `WitType`, `Lift` and `Lower`) of records, variants, enums, flags and
//! resources.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wit_parser::{Handle, Type, TypeDefKind, TypeId, TypeOwner};

use crate::names::{camel, docs, shouty, snake};
use crate::world::{Dir, Generator, err};

/// How a type is passed: owned (what a host function receives and every result), or as a
/// parameter of a call into the guest, where strings, lists and other non-`Copy` types are
/// borrowed (`&str`, `&[T]`, `&Record`), as in wasmtime's bindings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Owned,
    Param,
}

/// The relative path from module `from` to `name` in module `to`, both from the root of the
/// generated code.
pub fn relative(from: &[String], to: &[String], name: &Ident) -> TokenStream {
    let supers = from.iter().map(|_| quote!(super::));
    let segments = to.iter().map(|s| format_ident!("{s}"));
    quote!(#(#supers)* #(#segments::)* #name)
}

/// The `WitType`, `Lift` and `Lower` impls of a generated type, around the bodies of its
/// functions (which see `types`, `cx`, `ty`, `src`, `dst` and `ptr`).
struct AbiBodies {
    /// `WitType::STATIC`: whether lifting and lowering never read the `TypeIdx`.
    is_static: TokenStream,
    check: TokenStream,
    lift_flat: TokenStream,
    load: TokenStream,
    lower_flat: TokenStream,
    store: TokenStream,
}

fn abi_impls(name: &Ident, bodies: AbiBodies) -> TokenStream {
    let AbiBodies { is_static, check, lift_flat, load, lower_flat, store } = bodies;
    let rt = quote!(::cm32_host::__bindgen);
    quote! {
        impl ::cm32_host::typed::WitType for #name {
            const STATIC: bool = #is_static;
            fn check(types: &#rt::Types, ty: #rt::TypeIdx) -> ::core::result::Result<(), ::std::string::String> {
                #check
            }
        }

        impl ::cm32_host::typed::Lift for #name {
            #[inline(always)]
            fn lift_flat(
                cx: &mut #rt::Lifter<'_>,
                ty: #rt::TypeIdx,
                src: &mut #rt::FlatSrc<'_>,
            ) -> ::core::result::Result<Self, ::cm32_host::Trap> {
                #lift_flat
            }
            #[inline]
            fn load(cx: &mut #rt::Lifter<'_>, ty: #rt::TypeIdx, ptr: u32) -> ::core::result::Result<Self, ::cm32_host::Trap> {
                #load
            }
        }

        impl ::cm32_host::typed::Lower for #name {
            #[inline(always)]
            fn lower_flat<U>(
                &self,
                cx: &mut #rt::Lowerer<'_, U>,
                ty: #rt::TypeIdx,
                dst: &mut #rt::FlatDst,
            ) -> ::core::result::Result<(), ::cm32_host::Trap> {
                #lower_flat
            }
            #[inline]
            fn store<U>(
                &self,
                cx: &mut #rt::Lowerer<'_, U>,
                ty: #rt::TypeIdx,
                ptr: u32,
            ) -> ::core::result::Result<(), ::cm32_host::Trap> {
                #store
            }
        }
    }
}

impl Generator<'_> {
    /// The type a resource alias (`use types.{descriptor}`) stands for, through any number of
    /// aliases.
    pub fn dealias(&self, mut id: TypeId) -> TypeId {
        while let TypeDefKind::Type(Type::Id(next)) = self.resolve.types[id].kind {
            id = next;
        }
        id
    }

    /// Where the named type `id` is defined, from module `from`, in direction `dir`.
    pub fn type_path(&self, id: TypeId, from: &[String], dir: Dir) -> syn::Result<TokenStream> {
        let def = &self.resolve.types[id];
        let name = camel(def.name.as_deref().ok_or_else(|| err("an anonymous type has no path"))?);
        match def.owner {
            TypeOwner::Interface(iface) => {
                let side = self.side_of(iface, dir);
                if side == Dir::Import
                    && let Some(path) = self.with_ifaces.get(&iface)
                {
                    let path = self.user_path(path, from);
                    return Ok(quote!(#path::#name));
                }
                Ok(relative(from, &self.iface_module(iface, side), &name))
            }
            TypeOwner::World(_) => Ok(relative(from, &[], &name)),
            TypeOwner::None => Err(err("a named type without an owner")),
        }
    }

    /// The Rust type of a WIT type.
    pub fn rust_ty(&self, ty: &Type, from: &[String], dir: Dir, mode: Mode) -> syn::Result<TokenStream> {
        Ok(match ty {
            Type::Bool => quote!(bool),
            Type::U8 => quote!(u8),
            Type::U16 => quote!(u16),
            Type::U32 => quote!(u32),
            Type::U64 => quote!(u64),
            Type::S8 => quote!(i8),
            Type::S16 => quote!(i16),
            Type::S32 => quote!(i32),
            Type::S64 => quote!(i64),
            Type::F32 => quote!(f32),
            Type::F64 => quote!(f64),
            Type::Char => quote!(char),
            Type::String if mode == Mode::Param => quote!(&str),
            Type::String => quote!(::std::string::String),
            Type::ErrorContext => {
                return Err(err("`error-context` is part of the async ABI, which cm32 cannot host yet"));
            }
            Type::Id(id) => {
                let def = &self.resolve.types[*id];
                match (&def.kind, mode) {
                    (TypeDefKind::Type(inner), Mode::Param) => return self.rust_ty(inner, from, dir, mode),
                    (TypeDefKind::List(elem), Mode::Param) => {
                        let elem = self.rust_ty(elem, from, dir, Mode::Owned)?;
                        return Ok(quote!(&[#elem]));
                    }
                    _ => {}
                }
                let owned = if def.name.is_some() {
                    self.type_path(*id, from, dir)?
                } else {
                    self.anon_ty(&def.kind, from, dir)?
                };
                // Handles move (an `own` passes ownership); other non-`Copy` values are lent.
                let handle = matches!(def.kind, TypeDefKind::Handle(_));
                if mode == Mode::Param && !handle && !self.is_copy(ty) { quote!(&#owned) } else { owned }
            }
        })
    }

    /// What a type without a name of its own is spelt as (or what a named one aliases).
    pub fn anon_ty(&self, kind: &TypeDefKind, from: &[String], dir: Dir) -> syn::Result<TokenStream> {
        let owned = |t: &Type| self.rust_ty(t, from, dir, Mode::Owned);
        let maybe = |t: &Option<Type>| t.as_ref().map_or_else(|| Ok(quote!(())), owned);
        Ok(match kind {
            TypeDefKind::Type(t) => owned(t)?,
            TypeDefKind::List(t) => {
                let t = owned(t)?;
                quote!(::std::vec::Vec<#t>)
            }
            TypeDefKind::Map(k, v) => {
                let (k, v) = (owned(k)?, owned(v)?);
                quote!(::std::vec::Vec<(#k, #v)>)
            }
            TypeDefKind::FixedLengthList(t, n) => {
                let (t, n) = (owned(t)?, *n as usize);
                quote!([#t; #n])
            }
            TypeDefKind::Option(t) => {
                let t = owned(t)?;
                quote!(::core::option::Option<#t>)
            }
            TypeDefKind::Result(r) => {
                let (ok, e) = (maybe(&r.ok)?, maybe(&r.err)?);
                quote!(::core::result::Result<#ok, #e>)
            }
            TypeDefKind::Tuple(t) => {
                let items = t.types.iter().map(owned).collect::<syn::Result<Vec<_>>>()?;
                quote!((#(#items,)*))
            }
            TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => {
                let resource = self.dealias(*r);
                let path = self.type_path(resource, from, dir)?;
                match self.resolve.types[resource].owner {
                    TypeOwner::Interface(i) if self.side_of(i, dir) == Dir::Export => {
                        quote!(::cm32_host::GuestResource<#path>)
                    }
                    _ => quote!(::cm32_host::Resource<#path>),
                }
            }
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                return Err(err("`future` and `stream` are part of the async ABI, which cm32 cannot host yet"));
            }
            TypeDefKind::Record(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Flags(_)
            | TypeDefKind::Resource
            | TypeDefKind::Unknown => return Err(err("a type that needs a name has none")),
        })
    }

    /// Whether the Rust type is `Copy`: no strings, lists or handles anywhere in it.
    pub fn is_copy(&self, ty: &Type) -> bool {
        match ty {
            Type::String | Type::ErrorContext => false,
            Type::Id(id) => match &self.resolve.types[*id].kind {
                TypeDefKind::Record(r) => r.fields.iter().all(|f| self.is_copy(&f.ty)),
                TypeDefKind::Variant(v) => v.cases.iter().all(|c| c.ty.as_ref().is_none_or(|t| self.is_copy(t))),
                TypeDefKind::Enum(_) | TypeDefKind::Flags(_) => true,
                TypeDefKind::Tuple(t) => t.types.iter().all(|t| self.is_copy(t)),
                TypeDefKind::Option(t) | TypeDefKind::FixedLengthList(t, _) | TypeDefKind::Type(t) => self.is_copy(t),
                TypeDefKind::Result(r) => [&r.ok, &r.err].iter().all(|t| t.as_ref().is_none_or(|t| self.is_copy(t))),
                _ => false,
            },
            _ => true,
        }
    }

    /// Whether a handle is anywhere in the type (then it is neither `Clone` nor comparable, as an
    /// owned `Resource<T>` is not).
    pub fn has_handle(&self, ty: &Type) -> bool {
        let Type::Id(id) = ty else { return false };
        match &self.resolve.types[*id].kind {
            TypeDefKind::Handle(_) | TypeDefKind::Resource => true,
            TypeDefKind::Record(r) => r.fields.iter().any(|f| self.has_handle(&f.ty)),
            TypeDefKind::Variant(v) => v.cases.iter().any(|c| c.ty.as_ref().is_some_and(|t| self.has_handle(t))),
            TypeDefKind::Tuple(t) => t.types.iter().any(|t| self.has_handle(t)),
            TypeDefKind::Option(t)
            | TypeDefKind::List(t)
            | TypeDefKind::FixedLengthList(t, _)
            | TypeDefKind::Type(t) => self.has_handle(t),
            TypeDefKind::Map(k, v) => self.has_handle(k) || self.has_handle(v),
            TypeDefKind::Result(r) => [&r.ok, &r.err].iter().any(|t| t.as_ref().is_some_and(|t| self.has_handle(t))),
            _ => false,
        }
    }

    fn derives(&self, id: TypeId) -> TokenStream {
        let ty = Type::Id(id);
        let extra = &self.options.additional_derives;
        if self.has_handle(&ty) {
            quote!(#[derive(Debug #(, #extra)*)])
        } else if self.is_copy(&ty) {
            quote!(#[derive(Clone, Copy, Debug, PartialEq #(, #extra)*)])
        } else {
            quote!(#[derive(Clone, Debug, PartialEq #(, #extra)*)])
        }
    }

    /// The definition of the named type `id` in module `module`.
    pub fn typedef(&self, id: TypeId, module: &[String], dir: Dir) -> syn::Result<TokenStream> {
        let def = &self.resolve.types[id];
        let wit_name = def.name.as_deref().ok_or_else(|| err("an anonymous type in an interface"))?;
        let name = camel(wit_name);
        let doc = docs(&def.docs);
        if let Some(path) = self.with_types.get(&id) {
            let path = self.user_path(path, module);
            return Ok(quote!(#doc pub type #name = #path;));
        }
        Ok(match &def.kind {
            TypeDefKind::Record(record) => self.record(id, &name, record, module, dir)?,
            TypeDefKind::Variant(variant) => {
                let cases = variant.cases.iter().map(|c| (c.name.as_str(), c.ty.as_ref(), &c.docs)).collect();
                self.variant(id, &name, cases, false, module, dir)?
            }
            TypeDefKind::Enum(e) => {
                let cases = e.cases.iter().map(|c| (c.name.as_str(), None, &c.docs)).collect();
                self.variant(id, &name, cases, true, module, dir)?
            }
            TypeDefKind::Flags(flags) => self.flags(&name, wit_name, flags)?,
            TypeDefKind::Resource => {
                let what = if dir == Dir::Export { "the guest implements" } else { "the host implements" };
                let note = format!(" The WIT resource `{wit_name}`, which {what}; it only names the handles' type.");
                quote! {
                    #doc
                    #[doc = #note]
                    pub enum #name {}
                }
            }
            kind => {
                let target = self.anon_ty(kind, module, dir)?;
                quote!(#doc pub type #name = #target;)
            }
        })
    }

    fn record(
        &self,
        id: TypeId,
        name: &Ident,
        record: &wit_parser::Record,
        module: &[String],
        dir: Dir,
    ) -> syn::Result<TokenStream> {
        let derives = self.derives(id);
        let doc = docs(&self.resolve.types[id].docs);
        let fields: Vec<Ident> = record.fields.iter().map(|f| snake(&f.name)).collect();
        let field_docs = record.fields.iter().map(|f| docs(&f.docs));
        let tys = record
            .fields
            .iter()
            .map(|f| self.rust_ty(&f.ty, module, dir, Mode::Owned))
            .collect::<syn::Result<Vec<_>>>()?;
        let wit_names = record.fields.iter().map(|f| f.name.as_str());
        let slots: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("__field{i}")).collect();
        let count = fields.len();
        let index = 0..count;
        let rust = name.to_string();
        let rt = quote!(::cm32_host::__bindgen);
        // Field offsets as the macro computes them (the same SizeAlign the host's arena uses):
        // a record of static fields is lifted and lowered without reading the arena.
        let offsets: Vec<u32> = self
            .sizes
            .field_offsets(record.fields.iter().map(|f| &f.ty))
            .into_iter()
            .map(|(offset, _)| offset.size_wasm32() as u32)
            .collect();
        let wit = quote!(::cm32_host::typed::WitType);
        let lift = quote!(::cm32_host::typed::Lift);
        let lower = quote!(::cm32_host::typed::Lower);
        let impls = abi_impls(
            name,
            AbiBodies {
                is_static: quote!(true #(&& <#tys as #wit>::STATIC)*),
                check: quote! {
                    let fields = #rt::check_record(types, ty, #rust, &[#(#wit_names),*])?;
                    #(<#tys as #wit>::check(types, fields[#index].ty)?;)*
                    Ok(())
                },
                lift_flat: quote! {
                    if <Self as #wit>::STATIC {
                        return Ok(#name { #(#fields: <#tys as #lift>::lift_flat(cx, ty, src)?,)* });
                    }
                    let [#(#slots),*] = #rt::fields::<#count>(cx.types(), ty)?;
                    Ok(#name { #(#fields: <#tys as #lift>::lift_flat(cx, #slots.ty, src)?,)* })
                },
                load: quote! {
                    if <Self as #wit>::STATIC {
                        return Ok(#name { #(#fields: <#tys as #lift>::load(cx, ty, ptr + #offsets)?,)* });
                    }
                    let [#(#slots),*] = #rt::fields::<#count>(cx.types(), ty)?;
                    Ok(#name { #(#fields: <#tys as #lift>::load(cx, #slots.ty, ptr + #slots.offset)?,)* })
                },
                lower_flat: quote! {
                    if <Self as #wit>::STATIC {
                        #(<#tys as #lower>::lower_flat(&self.#fields, cx, ty, dst)?;)*
                        return Ok(());
                    }
                    let [#(#slots),*] = #rt::fields::<#count>(cx.types(), ty)?;
                    #(<#tys as #lower>::lower_flat(&self.#fields, cx, #slots.ty, dst)?;)*
                    Ok(())
                },
                store: quote! {
                    if <Self as #wit>::STATIC {
                        #(<#tys as #lower>::store(&self.#fields, cx, ty, ptr + #offsets)?;)*
                        return Ok(());
                    }
                    let [#(#slots),*] = #rt::fields::<#count>(cx.types(), ty)?;
                    #(<#tys as #lower>::store(&self.#fields, cx, #slots.ty, ptr + #slots.offset)?;)*
                    Ok(())
                },
            },
        );
        Ok(quote! {
            #doc
            #derives
            pub struct #name {
                #(#field_docs pub #fields: #tys,)*
            }

            #impls
        })
    }

    /// A variant, or an enum (every case without a payload).
    fn variant(
        &self,
        id: TypeId,
        name: &Ident,
        cases: Vec<(&str, Option<&Type>, &wit_parser::Docs)>,
        is_enum: bool,
        module: &[String],
        dir: Dir,
    ) -> syn::Result<TokenStream> {
        let doc = docs(&self.resolve.types[id].docs);
        let derives = if is_enum {
            let extra = &self.options.additional_derives;
            quote!(#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord #(, #extra)*)])
        } else {
            self.derives(id)
        };
        let case_names: Vec<Ident> = cases.iter().map(|(n, _, _)| camel(n)).collect();
        let wit_names = cases.iter().map(|(n, _, _)| *n);
        let payloads = cases
            .iter()
            .map(|(_, t, _)| t.map(|t| self.rust_ty(t, module, dir, Mode::Owned)).transpose())
            .collect::<syn::Result<Vec<_>>>()?;
        let payload_tys: Vec<TokenStream> = payloads.iter().map(|p| p.clone().unwrap_or_else(|| quote!(()))).collect();
        let defs = case_names.iter().zip(&payloads).zip(&cases).map(|((c, p), (_, _, d))| {
            let d = docs(d);
            match p {
                Some(p) => quote!(#d #c(#p)),
                None => quote!(#d #c),
            }
        });
        let rt = quote!(::cm32_host::__bindgen);
        let kind = if is_enum { quote!(#rt::CaseKind::Enum) } else { quote!(#rt::CaseKind::Variant) };
        let index: Vec<u32> = (0..cases.len() as u32).collect();
        let lift_arms = case_names.iter().zip(&payloads).zip(&index).map(|((c, p), i)| match p {
            Some(p) => quote!(#i => #name::#c(#rt::lift_payload::<#p>(cx, ty, #i, src)?),),
            None => quote!(#i => { #rt::lift_payload::<()>(cx, ty, #i, src)?; #name::#c }),
        });
        let load_arms = case_names.iter().zip(&payloads).zip(&index).map(|((c, p), i)| match p {
            Some(p) => quote!(#i => #name::#c(#rt::load_payload::<#p>(cx, ty, #i, ptr)?),),
            None => quote!(#i => #name::#c,),
        });
        let lower_arms = case_names.iter().zip(&payloads).zip(&index).map(|((c, p), i)| match p {
            Some(_) => quote!(#name::#c(v) => #rt::lower_case(cx, ty, #i, v, dst),),
            None => quote!(#name::#c => #rt::lower_case(cx, ty, #i, &(), dst),),
        });
        let store_arms = case_names.iter().zip(&payloads).zip(&index).map(|((c, p), i)| match p {
            Some(_) => quote!(#name::#c(v) => #rt::store_case(cx, ty, #i, v, ptr),),
            None => quote!(#name::#c => #rt::store_case(cx, ty, #i, &(), ptr),),
        });
        let rust = name.to_string();
        let check_index = index.iter().map(|i| *i as usize);
        let impls = abi_impls(
            name,
            AbiBodies {
                is_static: quote!(false),
                check: quote! {
                    let cases = #rt::check_cases(types, ty, #kind, #rust, &[#(#wit_names),*])?;
                    #(<#payload_tys as ::cm32_host::typed::WitType>::check_payload(types, cases[#check_index].1)?;)*
                    Ok(())
                },
                lift_flat: quote! {
                    Ok(match #rt::lift_case(cx, ty, src)? {
                        #(#lift_arms)*
                        case => return Err(#rt::no_case(cx.types(), ty, case)),
                    })
                },
                load: quote! {
                    Ok(match #rt::load_case(cx, ty, ptr)? {
                        #(#load_arms)*
                        case => return Err(#rt::no_case(cx.types(), ty, case)),
                    })
                },
                lower_flat: quote!(match self { #(#lower_arms)* }),
                store: quote!(match self { #(#store_arms)* }),
            },
        );
        Ok(quote! {
            #doc
            #derives
            pub enum #name {
                #(#defs,)*
            }

            #impls
        })
    }

    fn flags(&self, name: &Ident, wit_name: &str, flags: &wit_parser::Flags) -> syn::Result<TokenStream> {
        if flags.flags.len() > 32 {
            return Err(err(&format!("flags `{wit_name}` has more than 32 flags, which the Component Model forbids")));
        }
        let consts = flags.flags.iter().enumerate().map(|(i, f)| {
            let (c, d, bit) = (shouty(&f.name), docs(&f.docs), 1u32 << i);
            quote!(#d pub const #c: Self = Self { bits: #bit };)
        });
        let all: u32 = if flags.flags.len() == 32 { u32::MAX } else { (1u32 << flags.flags.len()) - 1 };
        let labels = flags.flags.iter().enumerate().map(|(i, f)| {
            let (label, bit) = (shouty(&f.name).to_string(), 1u32 << i);
            quote!((#bit, #label))
        });
        let wit_names = flags.flags.iter().map(|f| f.name.as_str());
        let rust = name.to_string();
        let rt = quote!(::cm32_host::__bindgen);
        let extra = &self.options.additional_derives;
        let impls = abi_impls(
            name,
            AbiBodies {
                is_static: quote!(false),
                check: quote!(#rt::check_flags(types, ty, #rust, &[#(#wit_names),*])),
                lift_flat: quote!(#rt::lift_flags(cx, ty, src).map(|bits| Self { bits })),
                load: quote!(#rt::load_flags(cx, ty, ptr).map(|bits| Self { bits })),
                lower_flat: quote!(#rt::lower_flags(cx, ty, self.bits, dst)),
                store: quote!(#rt::store_flags(cx, ty, self.bits, ptr)),
            },
        );
        Ok(quote! {
            #[derive(Clone, Copy, PartialEq, Eq, Hash, Default #(, #extra)*)]
            pub struct #name {
                bits: u32,
            }

            impl #name {
                #(#consts)*

                pub const fn empty() -> Self {
                    Self { bits: 0 }
                }
                pub const fn all() -> Self {
                    Self { bits: #all }
                }
                pub const fn bits(&self) -> u32 {
                    self.bits
                }
                /// The flags whose bits are set in `bits`; other bits are ignored.
                pub const fn from_bits_truncate(bits: u32) -> Self {
                    Self { bits: bits & #all }
                }
                pub const fn is_empty(&self) -> bool {
                    self.bits == 0
                }
                pub const fn contains(&self, other: Self) -> bool {
                    self.bits & other.bits == other.bits
                }
                pub fn insert(&mut self, other: Self) {
                    self.bits |= other.bits;
                }
                pub fn remove(&mut self, other: Self) {
                    self.bits &= !other.bits;
                }
            }

            impl ::core::ops::BitOr for #name {
                type Output = Self;
                fn bitor(self, other: Self) -> Self {
                    Self { bits: self.bits | other.bits }
                }
            }
            impl ::core::ops::BitOrAssign for #name {
                fn bitor_assign(&mut self, other: Self) {
                    self.bits |= other.bits;
                }
            }
            impl ::core::ops::BitAnd for #name {
                type Output = Self;
                fn bitand(self, other: Self) -> Self {
                    Self { bits: self.bits & other.bits }
                }
            }
            impl ::core::ops::Sub for #name {
                type Output = Self;
                fn sub(self, other: Self) -> Self {
                    Self { bits: self.bits & !other.bits }
                }
            }
            impl ::core::ops::Not for #name {
                type Output = Self;
                fn not(self) -> Self {
                    Self { bits: !self.bits & #all }
                }
            }

            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let labels: &[(u32, &str)] = &[#(#labels),*];
                    let set: ::std::vec::Vec<&str> =
                        labels.iter().filter(|(bit, _)| self.bits & bit != 0).map(|(_, l)| *l).collect();
                    write!(f, "{}({})", #rust, set.join(" | "))
                }
            }

            #impls
        })
    }
}
