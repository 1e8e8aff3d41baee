//! The imports and exports of a core module, with their types resolved; the only view of a module
//! that checking needs.

use wasmparser::{ExternalKind, Parser, Payload, TypeRef, Validator, WasmFeatures};

use crate::target::{CoreSig, CoreType};

/// What an import or export is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extern {
    Func(CoreSig),
    /// A function whose type uses something the target never does (v128, references).
    OtherFunc(String),
    Memory {
        memory64: bool,
    },
    Table,
    Global,
    Tag,
}

impl Extern {
    /// Like [`Extern::describe`], but says "a function" too, for messages about the kind of item.
    pub fn kind_and_type(&self) -> String {
        match self {
            Extern::Func(_) | Extern::OtherFunc(_) => format!("a function {}", self.describe()),
            _ => self.describe(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Extern::Func(sig) => sig.to_string(),
            Extern::OtherFunc(text) => text.clone(),
            Extern::Memory { memory64: false } => "a memory".into(),
            Extern::Memory { memory64: true } => "a 64-bit memory".into(),
            Extern::Table => "a table".into(),
            Extern::Global => "a global".into(),
            Extern::Tag => "a tag".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ModuleImport {
    pub module: String,
    pub name: String,
    pub ty: Extern,
}

#[derive(Clone, Debug)]
pub struct ModuleExport {
    pub name: String,
    pub ty: Extern,
}

#[derive(Clone, Debug, Default)]
pub struct ModuleInterface {
    pub imports: Vec<ModuleImport>,
    pub exports: Vec<ModuleExport>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModuleError {
    #[error(
        "this is a component, not a core module; check the core module it was made from \
         (for Rust, build with `-C link-arg=--skip-wit-component`), or extract it first"
    )]
    Component,
    #[error("not a valid core WebAssembly module: {0}")]
    Invalid(String),
}

/// Validates `wasm` (all standard features on) and reads its imports and exports.
pub fn read_interface(wasm: &[u8]) -> Result<ModuleInterface, ModuleError> {
    if Parser::is_component(wasm) {
        return Err(ModuleError::Component);
    }
    Validator::new_with_features(WasmFeatures::all())
        .validate_all(wasm)
        .map_err(|e| ModuleError::Invalid(e.to_string()))?;
    let invalid = |e: wasmparser::BinaryReaderError| ModuleError::Invalid(e.to_string());

    let mut types: Vec<Extern> = Vec::new();
    let mut funcs: Vec<Extern> = Vec::new();
    let mut memories: Vec<bool> = Vec::new();
    let mut out = ModuleInterface::default();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(invalid)? {
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    types.push(func_extern(&ty.map_err(invalid)?));
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(invalid)?;
                    let ty = match import.ty {
                        TypeRef::Func(idx) | TypeRef::FuncExact(idx) => {
                            let ty = types[idx as usize].clone();
                            funcs.push(ty.clone());
                            ty
                        }
                        TypeRef::Memory(m) => {
                            memories.push(m.memory64);
                            Extern::Memory { memory64: m.memory64 }
                        }
                        TypeRef::Table(_) => Extern::Table,
                        TypeRef::Global(_) => Extern::Global,
                        TypeRef::Tag(_) => Extern::Tag,
                    };
                    out.imports.push(ModuleImport { module: import.module.into(), name: import.name.into(), ty });
                }
            }
            Payload::FunctionSection(reader) => {
                for idx in reader {
                    funcs.push(types[idx.map_err(invalid)? as usize].clone());
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    memories.push(memory.map_err(invalid)?.memory64);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(invalid)?;
                    let ty = match export.kind {
                        ExternalKind::Func | ExternalKind::FuncExact => funcs[export.index as usize].clone(),
                        ExternalKind::Memory => Extern::Memory { memory64: memories[export.index as usize] },
                        ExternalKind::Table => Extern::Table,
                        ExternalKind::Global => Extern::Global,
                        ExternalKind::Tag => Extern::Tag,
                    };
                    out.exports.push(ModuleExport { name: export.name.into(), ty });
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn func_extern(ty: &wasmparser::FuncType) -> Extern {
    let convert = |tys: &[wasmparser::ValType]| -> Option<Vec<CoreType>> {
        tys.iter()
            .map(|t| match t {
                wasmparser::ValType::I32 => Some(CoreType::I32),
                wasmparser::ValType::I64 => Some(CoreType::I64),
                wasmparser::ValType::F32 => Some(CoreType::F32),
                wasmparser::ValType::F64 => Some(CoreType::F64),
                _ => None,
            })
            .collect()
    };
    match (convert(ty.params()), convert(ty.results())) {
        (Some(params), Some(results)) => Extern::Func(CoreSig { params, results }),
        _ => Extern::OtherFunc(format!("(func {ty})")),
    }
}
