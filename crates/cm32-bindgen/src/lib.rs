//! `bindgen!`: Rust bindings for a host of a WIT world, on cm32-host. Re-exported as
//! `cm32_host::bindgen!`; its documentation is there.
//!
//! The macro loads the world with cm32-abi (so the embedded WASI packages resolve as they do for
//! `cm32 target`), embeds it in the generated code as Rust code that builds its resolve (no WIT is
//! lexed and nothing is decoded at run time; `embed.rs`), and generates:
//! - Rust types for the world's records, variants, enums and flags, with their lifting and
//!   lowering (`typedefs.rs`);
//! - for each imported interface a module with a `Host` trait, one `Host<Resource>` trait per
//!   resource it defines, and `add_to_linker`; the same at world level (`<World>Imports`);
//! - for each exported interface a `Guest` struct whose `call_*` methods call the exports, and
//!   `Guest<Resource>` for its resources; the world struct, its `<World>Pre`, and `instantiate`
//!   (`world.rs`).

mod embed;
mod names;
mod options;
mod typedefs;
mod world;

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;

#[proc_macro]
pub fn bindgen(input: TokenStream) -> TokenStream {
    let options = syn::parse_macro_input!(input as options::Options);
    match expand(&options) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn expand(options: &options::Options) -> syn::Result<proc_macro2::TokenStream> {
    let wit_options = cm32_abi::WitOptions { features: options.features.clone(), all_features: options.all_features };
    let world = options.world.as_ref().map(|w| w.value());
    let (loaded, sources) = match &options.inline {
        Some(text) => {
            let loaded = cm32_abi::load_world_str(Path::new("<inline>"), &text.value(), world.as_deref(), &wit_options)
                .map_err(|e| syn::Error::new(text.span(), e.to_string()))?;
            (loaded, Vec::new())
        }
        None => {
            let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
            let given = options.path.as_ref().map_or_else(|| "wit".to_string(), |p| p.value());
            let path = root.join(&given);
            let span = options.path.as_ref().map_or(options.span, |p| p.span());
            let loaded = cm32_abi::load_world(&path, world.as_deref(), &wit_options)
                .map_err(|e| syn::Error::new(span, e.to_string()))?;
            (loaded, wit_sources(&path))
        }
    };
    let generated = world::Generator::new(&loaded, options)?.generate(&embedded_world(&loaded, options.span)?)?;
    // Rebuild when a WIT file changes.
    let tracked = sources.iter().filter_map(|p| p.to_str()).map(|p| {
        quote::quote!(
            const _: &[u8] = include_bytes!(#p);
        )
    });
    Ok(quote::quote! {
        #(#tracked)*
        #generated
    })
}

/// The WIT files the world was read from, so that the crate is rebuilt when one changes.
fn wit_sources(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "wit" || e == "wasm") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

/// The world as code that builds it at run time. It is the world as a component-type section
/// decodes (the packages the world uses, nothing else), under its own name (the decoder calls
/// every world `root`).
fn embedded_world(loaded: &cm32_abi::LoadedWorld, span: proc_macro2::Span) -> syn::Result<proc_macro2::TokenStream> {
    let fail = |e: &dyn std::fmt::Display| syn::Error::new(span, format!("cannot embed the world: {e}"));
    let encoded = cm32_abi::world_to_module(loaded).map_err(|e| fail(&e))?;
    let mut decoded = cm32_abi::world_from_module(&encoded)
        .map_err(|e| fail(&e))?
        .ok_or_else(|| fail(&"the encoded world does not decode"))?;
    decoded.resolve.worlds[decoded.world].name = loaded.resolve.worlds[loaded.world].name.clone();
    Ok(embed::resolve_expr(&decoded.resolve, decoded.world))
}

#[cfg(test)]
mod tests {
    /// What the macro says about `input`, which must be wrong.
    fn error(input: &str) -> String {
        let options: super::options::Options = match syn::parse_str(input) {
            Ok(options) => options,
            Err(e) => return e.to_string(),
        };
        match super::expand(&options) {
            Ok(_) => panic!("`{input}` generated bindings"),
            Err(e) => e.to_string(),
        }
    }

    const WIT: &str = r#"package cm32:t; interface i { enum e { a } f: func() -> e; } world w { import i; }"#;

    #[test]
    fn input_errors_say_what_is_wrong_and_how_to_fix_it() {
        let cases: &[(String, &str)] = &[
            (r#"{ paht: "wit" }"#.into(), "unknown option `paht`; the options are: path, inline, world"),
            (format!(r#"{{ inline: "{WIT}", world: "nope" }}"#), "the worlds in cm32:t are: w"),
            (r#"{ inline: "package cm32:t; world w { import f: func(x: u33); }" }"#.into(), "<inline>:1:"),
            (r#"{ path: "no/such/dir" }"#.into(), "no/such/dir"),
            (r#"{ path: "a", inline: "b" }"#.into(), "give `path` or `inline`, not both"),
            (
                format!(r#"{{ inline: "{WIT}", with: {{ "cm32:t/j" => x }} }}"#),
                "`with` names `cm32:t/j`, which is neither an interface world `w` imports nor a type of one",
            ),
            (
                format!(r#"{{ inline: "{WIT}", trappable_error_type: {{ "cm32:t/i/nope" => E }} }}"#),
                "`trappable_error_type` names `cm32:t/i/nope`, which is not a type of an interface of world `w`",
            ),
            (
                format!(r#"{{ inline: "{WIT}", with: {{ "cm32:t/i" => x, "cm32:t/i" => y }} }}"#),
                "`cm32:t/i` is given twice",
            ),
        ];
        for (input, expected) in cases {
            let message = error(input);
            assert!(message.contains(expected), "for {input}:\n  expected: {expected}\n  got: {message}");
        }
    }

    #[test]
    fn async_functions_are_refused_by_name() {
        let input = r#"{ inline: "package cm32:t; world w { export f: async func(); }" }"#;
        let message = error(input);
        assert!(message.contains("`f` is an async function, which cm32 cannot host yet"), "{message}");
    }
}
