//! WIT names as Rust names, as wasmtime's bindgen spells them: types and cases in
//! `UpperCamelCase`, functions, fields and modules in `snake_case` with a `_` after a keyword,
//! flags in `SHOUTY_SNAKE_CASE`.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn ident(name: String) -> Ident {
    let name = if KEYWORDS.contains(&name.as_str()) { format!("{name}_") } else { name };
    Ident::new(&name, Span::call_site())
}

pub fn snake(name: &str) -> Ident {
    ident(name.to_snake_case())
}

pub fn camel(name: &str) -> Ident {
    ident(name.to_upper_camel_case())
}

pub fn shouty(name: &str) -> Ident {
    ident(name.to_shouty_snake_case())
}

pub fn prefixed(prefix: &str, name: &str) -> Ident {
    Ident::new(&format!("{prefix}{}", name.to_snake_case()), Span::call_site())
}

/// WIT documentation as `#[doc]` attributes.
pub fn docs(docs: &wit_parser::Docs) -> TokenStream {
    let lines = docs.contents.iter().flat_map(|c| c.lines()).map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}
