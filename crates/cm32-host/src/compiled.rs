//! A core module or a component compiled for one engine and not yet linked to a world.
//!
//! Nothing here depends on a linker: an embedder, and `cm32 run`, compiles on one thread while it
//! builds the linker (the world and its host functions) on another, and [`Linker::link`] binds
//! the two. The engine validates every function body as it compiles it (wasmi as it loads a
//! module, wasmtime as Cranelift reads it), so wasmparser validates only what the engine does
//! not see: the structure of a component, and a module's imports and exports as cm32-abi reads
//! them.
//!
//! [`Linker::link`]: crate::Linker::link

use std::ops::Range;
use std::sync::Arc;

use cm32_abi::module::{ModuleInterface, read_interface};
use wasmparser::{Parser, Payload};

use crate::engine::Engine;
use crate::linker::{LinkError, side_by_side};

/// A core module or a component, validated and compiled for the engine `E`, to link to any
/// number of worlds ([`Linker::link`](crate::Linker::link)).
pub struct Compiled<E: Engine> {
    engine: E,
    bytes: Arc<[u8]>,
    pub(crate) code: Code<E>,
}

pub(crate) enum Code<E: Engine> {
    /// A core module: its imports and exports as cm32-abi reads them, and what the engine made.
    Module { iface: ModuleInterface, module: E::Module },
    /// Every core module of a component, at any depth, whether the component instantiates it
    /// or not (an invalid function anywhere refuses the component): its range in the bytes, and
    /// what the engine made of it.
    Component(ComponentModules<E>),
}

/// Each core module of a component: its range in the component's bytes, and what the engine made.
pub(crate) type ComponentModules<E> = Vec<(Range<usize>, <E as Engine>::Module)>;

impl<E: Engine> Compiled<E> {
    /// Validates and compiles `wasm`, a core module or a component, on `engine`. A component's
    /// modules compile on a thread of their own while its structure is validated on this one.
    pub fn new(engine: &E, wasm: &[u8]) -> Result<Self, LinkError> {
        let code = if Parser::is_component(wasm) {
            Code::Component(validate_and_compile(engine, wasm)?)
        } else {
            let read = || read_interface(wasm).map_err(|e| LinkError::Module(e.to_string()));
            let (iface, module) = side_by_side(|| engine.compile(wasm), read);
            let module = module.ok_or_else(|| LinkError::Module("compiling the module panicked".to_string()))?;
            Code::Module { iface: iface?, module: module? }
        };
        Ok(Compiled { engine: engine.clone(), bytes: wasm.into(), code })
    }

    /// The engine the code was compiled for.
    pub fn engine(&self) -> &E {
        &self.engine
    }

    /// The binary the code was compiled from.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn is_component(&self) -> bool {
        matches!(self.code, Code::Component(_))
    }

    /// What the engine compiled of `module`, a core module of this component, by its bytes.
    pub(crate) fn component_module(&self, module: &[u8]) -> Option<&E::Module> {
        let Code::Component(modules) = &self.code else { return None };
        modules.iter().find(|(range, _)| self.bytes.get(range.clone()) == Some(module)).map(|(_, m)| m)
    }
}

/// The ranges of the core modules of a component, at any depth, as the parser finds them; none
/// if it cannot read the component (the validation then says why).
fn core_modules(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut modules = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload {
            // The parser's ranges are offsets into `bytes`, nested or not.
            Ok(Payload::ModuleSection { unchecked_range, .. }) => {
                let range = unchecked_range.start as usize..unchecked_range.end as usize;
                if bytes.get(range.clone()).is_some() {
                    modules.push(range);
                }
            }
            Ok(_) => {}
            Err(_) => return Vec::new(),
        }
    }
    modules
}

/// Validates everything of a component but the bodies of its core functions, which the engine
/// validates as it compiles each module.
fn validate_structure(bytes: &[u8]) -> Result<(), wasmparser::BinaryReaderError> {
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    for payload in Parser::new(0).parse_all(bytes) {
        // A function body (`ValidPayload::Func`) is left to the engine.
        validator.payload(&payload?)?;
    }
    Ok(())
}

/// Validates a component and compiles each of its core modules, side by side: the modules on a
/// thread of their own, the structure on this one.
fn validate_and_compile<E: Engine>(engine: &E, bytes: &[u8]) -> Result<ComponentModules<E>, LinkError> {
    let modules = core_modules(bytes);
    let compile_all = || modules.iter().map(|m| engine.compile(&bytes[m.clone()])).collect::<Vec<_>>();
    let (validated, compiled) = side_by_side(compile_all, || validate_structure(bytes));
    validated.map_err(|e| {
        let hint = if e.message().contains("end-of-file") { " (is the file cut short?)" } else { "" };
        LinkError::Component(format!("not a valid component: {e}{hint}"))
    })?;
    let compiled = compiled.ok_or_else(|| LinkError::Component("compiling a core module panicked".to_string()))?;
    let mut precompiled = Vec::with_capacity(modules.len());
    for (range, result) in modules.into_iter().zip(compiled) {
        precompiled.push((range, result?));
    }
    Ok(precompiled)
}
