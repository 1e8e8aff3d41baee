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
//! let mut linker = Linker::<()>::new(Arc::new(World::new(loaded)?));
//! linker.define_typed("my:app/api#greet", |_cx, (name,): (String,)| Ok(format!("hello, {name}")))?;
//! let mut instance = linker.instantiate(&WasmiEngine::default(), &std::fs::read("app.wasm")?, ())?;
//! let run = instance.typed_func::<(), u32>("run")?;
//! let answer = run.call(&mut instance, ())?;
//! # let _ = answer;
//! # Ok(())
//! # }
//! ```

mod abi;
mod component;
mod component_types;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod engine;
#[doc(hidden)]
pub mod fuzzing;
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
pub use instance::{CallError, ExportFunc, Instance, TypedFunc, TypedHostFunc};
pub use limits::{EngineOptions, Limit, Limits};
pub use linker::{HostCx, HostDtor, HostFunc, LinkError, Linker};
pub use pre::InstancePre;
pub use trap::{Trap, TrapClass};
pub use val::{Resource, TypeMismatch, Val, typecheck};
#[cfg(feature = "wasmi")]
pub use wasmi_engine::WasmiEngine;
#[cfg(feature = "wasmtime")]
pub use wasmtime_engine::WasmtimeEngine;
pub use world::{Direction, FuncIdx, FuncPlan, World};
