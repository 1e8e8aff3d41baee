//! A Canonical ABI host for `cm32p2` core modules on plain core WebAssembly engines.
//!
//! ```text
//! World (types, plans) ─┐
//! Linker (host funcs)  ─┼─ instantiate(engine, wasm) ─> Instance ─ call(export, [Val]) ─> Val
//! Engine (wasmi, …)    ─┘
//! ```
//!
//! The ABI layer (`abi`, `table`, `instance`, `linker`) never names an engine type: it works on
//! [`engine::GuestCx`] and [`engine::Engine`]. Each engine is an adapter behind a feature.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use cm32_host::{Linker, WasmiEngine, World};
//!
//! let loaded = cm32_abi::load_world("app.wit".as_ref(), None, &Default::default())?;
//! let mut linker = Linker::<(), WasmiEngine>::new(Arc::new(World::new(loaded)?));
//! linker.define_typed("my:app/api#greet", |_cx, (name,): (String,)| Ok(format!("hello, {name}")))?;
//! let mut instance = linker.instantiate(&WasmiEngine::default(), &std::fs::read("app.wasm")?, ())?;
//! let run = instance.typed_func::<(), u32>("run")?;
//! let answer = run.call(&mut instance, ())?;
//! # let _ = answer;
//! # Ok(())
//! # }
//! ```

mod abi;
mod compiled;
mod component;
mod component_types;
#[cfg(feature = "conformance")]
pub mod conformance;
#[doc(hidden)]
pub mod derive;
mod embedded;
pub mod engine;
#[doc(hidden)]
pub mod fuzzing;
mod handles;
mod instance;
pub mod limits;
mod linker;
mod pre;
mod table;
mod trap;
pub mod typed;
pub mod types;
mod val;
mod world;

#[cfg(any(feature = "wasmi", feature = "wasmtime"))]
#[macro_use]
mod engine_fast_paths;
#[cfg(feature = "wasmi")]
mod wasmi_engine;
#[cfg(feature = "wasmtime")]
mod wasmtime_engine;

#[doc(hidden)]
pub use abi::{FlatDst, FlatSrc, Lifter, Lowerer, State};
pub use abi::{MAX_BYTE_LENGTH, ReallocCall};
pub use compiled::Compiled;
pub use handles::{GuestResource, Resource};
pub use instance::{CallError, ExportFunc, ExportLookup, Instance, TypedFunc, TypedHostFunc};
pub use limits::{EngineOptions, Limit, Limits};
pub use linker::{HostCx, HostDtor, HostFunc, LinkError, Linker};
pub use pre::InstancePre;
pub use trap::{Trap, TrapClass};
pub use val::{ResourceAny, TypeMismatch, Val, typecheck};
#[cfg(feature = "wasmi")]
pub use wasmi_engine::WasmiEngine;
#[cfg(feature = "wasmtime")]
pub use wasmtime_engine::WasmtimeEngine;
pub use world::{Direction, FuncIdx, FuncPlan, World};

/// What host functions and destructors return: a trap ends the guest's call and poisons it.
pub type Result<T, E = Trap> = std::result::Result<T, E>;

/// Generates Rust bindings for a host of a WIT world.
///
/// ```ignore
/// cm32_host::bindgen!({ path: "wit", world: "app" });
/// // or: bindgen!("app")  (path "wit"),  bindgen!("app" in "wit/app.wit")
/// ```
///
/// The WIT is read at build time, relative to the crate's `Cargo.toml` (the embedded WASI 0.2
/// packages fill in any `wasi:*` it names without shipping, as for `cm32 target`), and embedded
/// in the binary: nothing reads or lexes WIT at run time.
///
/// # What it generates
///
/// - For each WIT type, a Rust type: a record is a struct, a variant or enum a Rust enum, flags a
///   struct of bits with a constant per flag (`Perms::READ | Perms::EXEC`), a tuple a tuple, an
///   option an `Option`, a result a `Result`, `list<T>` a `Vec<T>`, `list<T, N>` an array `[T; N]`,
///   `map<K, V>` a `Vec<(K, V)>`. Each implements `WitType`, `Lift` and `Lower`.
/// - For each imported interface `ns:pkg/iface`, a module `ns::pkg::iface` with its types, a trait
///   `Host` with a method per function, a trait `Host<Resource>` per resource (constructor `new`,
///   methods, static functions, and `drop`, called when the guest drops its last owning handle),
///   and `add_to_linker(linker, get)`. A host resource is a `Resource<T>`: its representation, a
///   number the host chooses (an index into its own table), and whether it is owned or borrowed.
/// - The world's own imports: a trait `<World>Imports` and `<World>::add_to_linker_imports`.
/// - For each exported interface, a module `exports::ns::pkg::iface` with a `Guest` struct whose
///   `call_<function>(&mut instance, args...)` methods call the exports, and `Guest<Resource>` for
///   each resource it exports (`call_constructor`, `call_<method>`). A guest resource is a
///   `GuestResource<T>`, dropped with `resource_drop(&mut instance)`.
/// - The world: `<World>::linker()` (a linker for this world), `add_to_linker(linker, get)`
///   (every import), `instantiate(&linker, &engine, wasm, data)` (a component or a core module),
///   `new(&instance_or_pre)` (finds and type-checks every export once), `call_<function>` for
///   world-level exports, an accessor per exported interface (`ns_pkg_iface()`), and
///   `<World>Pre` (from an `InstancePre`: compiled once, instantiated many times).
///
/// # Options
///
/// - `path: "wit"` (a `.wit` file, a directory with `deps/`, or an encoded WIT package) or
///   `inline: "package ...; world ..."`; `world: "name"` (needed when the package has several);
///   `features: ["x"]` and `all_features: true` for `@unstable` items.
/// - `trappable_imports: true` (or a list of WIT function names): those host functions return
///   `cm32_host::Result<T>`; an `Err` traps and poisons the instance.
/// - `trappable_error_type: { "ns:pkg/iface/error-code" => MyError }`: host functions returning
///   `result<T, error-code>` return `Result<T, MyError>`, and the `Host` trait of the interface that
///   defines `error-code` gets `convert_error_code(&mut self, MyError) -> Result<ErrorCode>`, which
///   may trap instead.
/// - `with: { "ns:pkg/iface" => path::to::module }` uses bindings generated elsewhere for an
///   imported interface; `with: { "ns:pkg/iface/res" => MyType }` names the Rust type of a
///   resource (or of any type that implements `WitType`, `Lift` and `Lower`).
/// - `additional_derives: [Hash, Eq]` adds derives to every generated record, variant, enum and
///   flags type.
///
/// # Where it differs from `wasmtime::component::bindgen!`
///
/// The shapes and names are wasmtime's, so that a host ports with few changes. The differences:
/// - A cm32 instance owns its store: export calls take `&mut Instance<T, E>` where wasmtime takes
///   `impl AsContextMut`, and `instantiate` returns the bindings with the instance.
/// - `add_to_linker` takes `get: impl Fn(&mut T) -> &mut D + Copy` (as wasmtime's did before its
///   `HasData`), and a linker is made for one world (`<World>::linker()`) and one engine
///   type (`Linker<T, E>`, as wasmtime's linker belongs to its engine).
/// - Host functions trap with `cm32_host::Trap` (`cm32_host::Result`), not `wasmtime::Error`.
/// - Guest resources are typed (`GuestResource<T>`, copyable) where wasmtime has `ResourceAny`.
/// - Records, variants and tuples derive `Clone`, `Debug`, `PartialEq` (and `Copy` when they hold
///   no string, list or handle); types holding a handle derive only `Debug`, as a `Resource<T>`
///   is not `Clone`.
/// - Parameters of export calls are borrowed where they are not `Copy`: `&str`, `&[T]`, `&Record`,
///   `&Option<String>`; handles move.
/// - Not supported: async functions and the async ABI (`future`, `stream`, `error-context`), which
///   are refused with an error naming the function; the options `async`, `imports`/`exports`,
///   `ownership`, `interfaces`, `stringify`, `tracing` and `include_generated_code_from_file`.
pub use cm32_bindgen::bindgen;

#[doc(hidden)]
pub mod __bindgen {
    //! What the code `bindgen!` generates names; not an API.
    pub use crate::abi::{FlatDst, FlatSrc, Lifter, Lowerer};
    pub use crate::derive::*;
    pub use crate::types::{TypeIdx, Types};
    pub use cm32_abi;

    /// A function or resource the linker's world does not have is no error: bindings of a world
    /// may be linked into a linker of a smaller one (which imports only some of its interfaces,
    /// or an older version of them), as WASI's are.
    pub fn skip_unknown<R>(result: Result<R, crate::LinkError>) -> Result<(), crate::LinkError> {
        match result {
            Ok(_) | Err(crate::LinkError::UnknownFunction { .. } | crate::LinkError::UnknownResource { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub use crate::embedded::ResolveBuilder;
    pub use wit_parser;

    /// The world a `bindgen!` embedded (as code that builds its resolve), made ready for hosting
    /// once per process.
    pub fn world(
        cell: &'static std::sync::OnceLock<std::sync::Arc<crate::World>>,
        build: fn() -> (wit_parser::Resolve, wit_parser::WorldId),
    ) -> std::sync::Arc<crate::World> {
        cell.get_or_init(|| {
            let (resolve, world) = build();
            let loaded = cm32_abi::LoadedWorld { resolve, world };
            // The macro derived this world's target when it generated the bindings, so failing
            // here means the bindings and this crate disagree: a bug, not an input.
            std::sync::Arc::new(crate::World::new(loaded).expect("bindgen!: the embedded world has no build target"))
        })
        .clone()
    }
}
