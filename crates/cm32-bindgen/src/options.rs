//! The macro's input, in the shapes `wasmtime::component::bindgen!` takes:
//! `bindgen!()`, `bindgen!("world")`, `bindgen!("world" in "path")`, or
//! `bindgen!({ world: "w", path: "wit", ... })` with the options below.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Token, braced, bracketed};

/// Which imported functions may trap: the host returns `cm32_host::Result<T>` for them.
#[derive(Clone, Debug, Default)]
pub enum Trappable {
    #[default]
    None,
    All,
    /// By WIT function name (`greet`, `[method]counter.get`).
    Only(Vec<String>),
}

impl Trappable {
    pub fn covers(&self, func: &str) -> bool {
        match self {
            Trappable::None => false,
            Trappable::All => true,
            Trappable::Only(names) => names.iter().any(|n| n == func),
        }
    }
}

pub struct Options {
    pub path: Option<syn::LitStr>,
    pub inline: Option<syn::LitStr>,
    pub world: Option<syn::LitStr>,
    pub features: Vec<String>,
    pub all_features: bool,
    pub trappable_imports: Trappable,
    /// `"ns:pkg/iface/type"` => the Rust error type the host returns instead of that WIT type.
    pub trappable_error_type: BTreeMap<String, (syn::LitStr, syn::Type)>,
    /// `"ns:pkg/iface"` => a module generated elsewhere; `"ns:pkg/iface/res"` => a Rust type for
    /// a resource.
    pub with: BTreeMap<String, (syn::LitStr, syn::Path)>,
    pub additional_derives: Vec<syn::Path>,
    /// Where errors about the input as a whole point.
    pub span: Span,
}

impl Parse for Options {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = Options {
            path: None,
            inline: None,
            world: None,
            features: Vec::new(),
            all_features: false,
            trappable_imports: Trappable::None,
            trappable_error_type: BTreeMap::new(),
            with: BTreeMap::new(),
            additional_derives: Vec::new(),
            span: input.span(),
        };
        if input.is_empty() {
            return Ok(options);
        }
        if input.peek(syn::LitStr) {
            options.world = Some(input.parse()?);
            if input.peek(Token![in]) {
                input.parse::<Token![in]>()?;
                options.path = Some(input.parse()?);
            }
            return Ok(options);
        }
        let body;
        braced!(body in input);
        while !body.is_empty() {
            let key: syn::Ident = body.parse()?;
            body.parse::<Token![:]>()?;
            match key.to_string().as_str() {
                "path" => options.path = Some(body.parse()?),
                "inline" => options.inline = Some(body.parse()?),
                "world" => options.world = Some(body.parse()?),
                "features" => options.features = strings(&body)?,
                "all_features" => options.all_features = body.parse::<syn::LitBool>()?.value,
                "trappable_imports" => {
                    options.trappable_imports = if body.peek(syn::LitBool) {
                        if body.parse::<syn::LitBool>()?.value { Trappable::All } else { Trappable::None }
                    } else {
                        Trappable::Only(strings(&body)?)
                    }
                }
                "trappable_error_type" => options.trappable_error_type = map(&body)?,
                "with" => options.with = map(&body)?,
                "additional_derives" => {
                    let list;
                    bracketed!(list in body);
                    options.additional_derives =
                        Punctuated::<syn::Path, Token![,]>::parse_terminated(&list)?.into_iter().collect();
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; the options are: path, inline, world, features, \
                             all_features, trappable_imports, trappable_error_type, with, additional_derives"
                        ),
                    ));
                }
            }
            if !body.is_empty() {
                body.parse::<Token![,]>()?;
            }
        }
        if options.path.is_some() && options.inline.is_some() {
            return Err(syn::Error::new(options.span, "give `path` or `inline`, not both"));
        }
        Ok(options)
    }
}

fn strings(input: ParseStream<'_>) -> syn::Result<Vec<String>> {
    let list;
    bracketed!(list in input);
    Ok(Punctuated::<syn::LitStr, Token![,]>::parse_terminated(&list)?.into_iter().map(|s| s.value()).collect())
}

/// `{ "name" => value, ... }`.
fn map<V: Parse>(input: ParseStream<'_>) -> syn::Result<BTreeMap<String, (syn::LitStr, V)>> {
    let body;
    braced!(body in input);
    let mut entries = BTreeMap::new();
    while !body.is_empty() {
        let key: syn::LitStr = body.parse()?;
        body.parse::<Token![=>]>()?;
        let value: V = body.parse()?;
        if entries.insert(key.value(), (key.clone(), value)).is_some() {
            return Err(syn::Error::new(key.span(), format!("`{}` is given twice", key.value())));
        }
        if !body.is_empty() {
            body.parse::<Token![,]>()?;
        }
    }
    Ok(entries)
}
