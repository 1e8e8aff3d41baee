//! Components from modules: taking the main core module out of a component that wit-component
//! made from one module, and making a preview1 module a component with the preview1 adapter.

use wasmparser::{Parser, Payload};

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("not a valid component: {0}")]
    Invalid(String),
    #[error("the component holds no core module")]
    NoModule,
    #[error(
        "the component holds {0} core modules with memories (a main module plus an adapter such as \
         wasi_snapshot_preview1, or several main modules); cm32 runs components made from one module: \
         build for wasm32-wasip2, or pass the core module itself"
    )]
    SeveralMainModules(usize),
    #[error("the component nests components that hold core modules; cm32 runs components made from one module")]
    Nested,
    #[error("{0}")]
    Adapt(String),
}

/// The main module of a component: the one core module that defines a memory or most of the code.
/// The other core modules wit-component adds (indirect-call shims and their fix-ups) are left out;
/// cm32 links the main module's imports itself.
pub fn main_module(component: &[u8]) -> Result<Vec<u8>, ExtractError> {
    let mut modules: Vec<&[u8]> = Vec::new();
    // `parse_all` walks into nested modules and components too: keep the path from the top.
    let mut path: Vec<wasmparser::Encoding> = Vec::new();
    for payload in Parser::new(0).parse_all(component) {
        match payload.map_err(|e| ExtractError::Invalid(e.to_string()))? {
            Payload::Version { encoding, .. } => path.push(encoding),
            Payload::End(_) => {
                path.pop();
            }
            Payload::ModuleSection { unchecked_range, .. } => {
                // wit-component adds small nested components that only re-export types; a
                // module inside one is something cm32 does not take apart.
                if path.len() > 1 {
                    return Err(ExtractError::Nested);
                }
                // The range is what the section header claims; a file cut short holds less.
                let module =
                    component.get(unchecked_range.start as usize..unchecked_range.end as usize).ok_or_else(|| {
                        ExtractError::Invalid(format!(
                            "a core module claims bytes {:#x}..{:#x}, but the file ends at {:#x} (is it cut short?)",
                            unchecked_range.start,
                            unchecked_range.end,
                            component.len()
                        ))
                    })?;
                modules.push(module);
            }
            _ => {}
        }
    }
    let with_memory: Vec<&[u8]> = modules.iter().copied().filter(|m| defines_memory(m)).collect();
    match with_memory.len() {
        1 => Ok(with_memory[0].to_vec()),
        0 => modules.iter().max_by_key(|m| m.len()).map(|m| m.to_vec()).ok_or(ExtractError::NoModule),
        n => Err(ExtractError::SeveralMainModules(n)),
    }
}

fn defines_memory(module: &[u8]) -> bool {
    Parser::new(0).parse_all(module).any(|p| matches!(p, Ok(Payload::MemorySection(r)) if r.count() > 0))
}

/// The module name preview1 modules import WASI from.
const PREVIEW1: &str = "wasi_snapshot_preview1";

/// Whether a core module imports WASI preview1 (what wasi-sdk, `wasm32-wasip1`, Go's
/// `GOOS=wasip1`, AssemblyScript and Zig emit).
pub fn imports_preview1(module: &[u8]) -> bool {
    Parser::new(0).parse_all(module).any(|payload| match payload {
        Ok(Payload::ImportSection(section)) => {
            section.into_imports().any(|i| i.is_ok_and(|i| i.module == PREVIEW1 || i.module == "wasi_unstable"))
        }
        _ => false,
    })
}

/// Makes a preview1 command module a `wasi:cli/command` component with the preview1 command
/// adapter (wasmtime 48's), as wit-component does for toolchains.
pub fn from_preview1_command(module: &[u8]) -> Result<Vec<u8>, ExtractError> {
    // wit-component trusts the module's section sizes; a module that is not valid (cut short,
    // say) is refused first.
    wasmparser::Validator::new()
        .validate_all(module)
        .map_err(|e| ExtractError::Adapt(format!("not a valid core WebAssembly module: {e}")))?;
    let adapter = wasi_preview1_component_adapter_provider::WASI_SNAPSHOT_PREVIEW1_COMMAND_ADAPTER;
    let adapted = || -> Result<Vec<u8>, _> {
        wit_component::ComponentEncoder::default().module(module)?.adapter(PREVIEW1, adapter)?.validate(true).encode()
    };
    // A panic inside wit-component on a hostile module is an error here, never a crash.
    match std::panic::catch_unwind(adapted) {
        Ok(adapted) => adapted.map_err(|e| ExtractError::Adapt(format!("cannot adapt the preview1 module: {e:#}"))),
        Err(_) => Err(ExtractError::Adapt("cannot adapt the preview1 module: wit-component failed on it".into())),
    }
}
