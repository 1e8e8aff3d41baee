//! The `cm32p2` core module build target of a WIT world.
//!
//! This crate answers two questions without running anything:
//! - which imports and exports, with which core signatures, a core module built for a world may
//!   have ([`derive_target`]), in the standard (`cm32p2`) or the legacy (wit-component) mangling;
//! - whether a given module keeps to that ([`check_module`]), with every violation named.
//!
//! Names, flattening and sizes come from `wit-parser`; this crate never re-implements them, and it
//! never names a WebAssembly engine.

pub mod check;
pub mod component;
pub mod load;
pub mod module;
pub mod render;
pub mod target;
pub mod wasi;

pub use check::{
    CheckOptions, CheckReport, ManglingChoice, Violation, ViolationKind, check_module, resolve_export, resolve_import,
};
pub use load::{LoadError, LoadedWorld, WitOptions, load_world, load_world_str, world_from_module, world_to_module};
pub use target::{CoreSig, CoreType, Item, ItemKind, Mangling, Origin, Target, TargetError, check_sync, derive_target};
