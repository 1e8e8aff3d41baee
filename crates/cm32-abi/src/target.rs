//! Deriving the core module type of a world: every import and export the build target allows.
//!
//! All names come from `Resolve::wasm_import_name`/`wasm_export_name` and all signatures from
//! `Resolve::wasm_signature`; what this module adds is the walk over the world, the
//! memory/realloc requirements per function, and a record of which WIT item each entry stands for.

use std::fmt;

use wit_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wit_parser::{
    Function, LiftLowerAbi, ManglingAndAbi, Resolve, ResourceIntrinsic, Type, TypeDefKind, TypeId, WasmExport,
    WasmExportKind, WasmImport, WorldId, WorldItem, WorldKey,
};

/// The two ways of naming the same ABI in a core module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mangling {
    /// `cm32p2|…` names, from the build-targets draft.
    Standard,
    /// The names wit-bindgen, wasi-libc and Rust's wasm32-wasip2 emit today.
    Legacy,
}

impl Mangling {
    pub fn as_str(self) -> &'static str {
        match self {
            Mangling::Standard => "standard",
            Mangling::Legacy => "legacy",
        }
    }

    fn wit(self) -> ManglingAndAbi {
        match self {
            Mangling::Standard => ManglingAndAbi::Standard32,
            Mangling::Legacy => ManglingAndAbi::Legacy(LiftLowerAbi::Sync),
        }
    }
}

impl fmt::Display for Mangling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A core value type; the target is 32-bit, so pointers and lengths are `I32`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CoreType {
    I32,
    I64,
    F32,
    F64,
}

impl CoreType {
    pub fn as_str(self) -> &'static str {
        match self {
            CoreType::I32 => "i32",
            CoreType::I64 => "i64",
            CoreType::F32 => "f32",
            CoreType::F64 => "f64",
        }
    }

    /// The core type wit-parser's flat type stands for in the 32-bit target.
    pub fn from_wit(ty: WasmType) -> CoreType {
        match ty {
            WasmType::I32 | WasmType::Pointer | WasmType::Length => CoreType::I32,
            WasmType::I64 | WasmType::PointerOrI64 => CoreType::I64,
            WasmType::F32 => CoreType::F32,
            WasmType::F64 => CoreType::F64,
        }
    }
}

/// A core function type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CoreSig {
    pub params: Vec<CoreType>,
    pub results: Vec<CoreType>,
}

impl CoreSig {
    pub fn new(params: &[CoreType], results: &[CoreType]) -> CoreSig {
        CoreSig { params: params.to_vec(), results: results.to_vec() }
    }

    fn from_wit(sig: &WasmSignature) -> CoreSig {
        CoreSig {
            params: sig.params.iter().copied().map(CoreType::from_wit).collect(),
            results: sig.results.iter().copied().map(CoreType::from_wit).collect(),
        }
    }
}

impl CoreSig {
    /// The parameter and result clauses in WAT: `(param i32 i32) (result i32)`; empty if there are none.
    pub fn wat(&self) -> String {
        let mut clauses = Vec::new();
        for (keyword, tys) in [("param", &self.params), ("result", &self.results)] {
            if !tys.is_empty() {
                let names: Vec<&str> = tys.iter().map(|t| t.as_str()).collect();
                clauses.push(format!("({keyword} {})", names.join(" ")));
            }
        }
        clauses.join(" ")
    }
}

/// Prints the WAT function type: `(func (param i32) (result i32))`.
impl fmt::Display for CoreSig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.wat() {
            clauses if clauses.is_empty() => f.write_str("(func)"),
            clauses => write!(f, "(func {clauses})"),
        }
    }
}

/// What role an item plays in the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A WIT function: imported (the guest calls the host) or exported.
    Func,
    ResourceDrop,
    ResourceNew,
    ResourceRep,
    /// `<fn>_post` / `cabi_post_<fn>`: optional cleanup after an export's results are read.
    PostReturn,
    Dtor,
    Memory,
    Realloc,
    Initialize,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Func => "func",
            ItemKind::ResourceDrop => "resource-drop",
            ItemKind::ResourceNew => "resource-new",
            ItemKind::ResourceRep => "resource-rep",
            ItemKind::PostReturn => "post-return",
            ItemKind::Dtor => "dtor",
            ItemKind::Memory => "memory",
            ItemKind::Realloc => "realloc",
            ItemKind::Initialize => "initialize",
        }
    }
}

/// The WIT item behind a target entry, by id into the `Resolve` the target was derived from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Memory, realloc and initialize belong to the module, not to a WIT item.
    Module,
    Func {
        interface: Option<WorldKey>,
        func: String,
    },
    Resource {
        interface: Option<WorldKey>,
        resource: TypeId,
    },
}

/// One import or export of the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The import module; `None` for exports.
    pub module: Option<String>,
    pub name: String,
    pub kind: ItemKind,
    /// The core function type; `None` for the memory.
    pub sig: Option<CoreSig>,
    /// The WIT item in component-name form (`wasi:cli/stdout@0.2.12#get-stdout`), if there is one.
    pub wit: Option<String>,
    /// Calling this function needs the module's memory export.
    pub needs_memory: bool,
    /// Calling this function needs the module's realloc export.
    pub needs_realloc: bool,
    pub origin: Origin,
}

/// The complete core module type of a world under one mangling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub mangling: Mangling,
    pub imports: Vec<Item>,
    pub exports: Vec<Item>,
}

impl Target {
    pub fn import(&self, module: &str, name: &str) -> Option<&Item> {
        self.imports.iter().find(|i| i.module.as_deref() == Some(module) && i.name == name)
    }

    pub fn export(&self, name: &str) -> Option<&Item> {
        self.exports.iter().find(|i| i.name == name)
    }

    pub fn export_of_kind(&self, kind: ItemKind) -> &Item {
        self.exports.iter().find(|i| i.kind == kind).expect("every target has memory, realloc and initialize")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(
        "`{wit}` {why}; the cm32p2 build target covers the synchronous Canonical ABI only \
         (drop it from the world, or gate it behind an @unstable feature you leave off)"
    )]
    Async { wit: String, why: &'static str },
}

/// Refuses a world the cm32p2 target cannot express (an async function, a future or a stream),
/// as [`derive_target`] would, without deriving anything: for a host that derives targets only
/// when it needs them.
pub fn check_sync(resolve: &Resolve, world: WorldId) -> Result<(), TargetError> {
    let walk = Walk { resolve, mangling: Mangling::Standard, imports: Vec::new(), exports: Vec::new() };
    let world = &resolve.worlds[world];
    for (key, item) in world.imports.iter().chain(&world.exports) {
        match item {
            WorldItem::Function(func) => walk.reject_async(None, func)?,
            WorldItem::Interface { id, .. } => {
                for func in resolve.interfaces[*id].functions.values() {
                    walk.reject_async(Some(key), func)?;
                }
            }
            WorldItem::Type { .. } => {}
        }
    }
    Ok(())
}

/// Derives the target of `world` under `mangling`.
pub fn derive_target(resolve: &Resolve, world: WorldId, mangling: Mangling) -> Result<Target, TargetError> {
    let mut walk = Walk { resolve, mangling, imports: Vec::new(), exports: Vec::new() };
    let world = &resolve.worlds[world];
    for (key, item) in &world.imports {
        match item {
            WorldItem::Function(func) => walk.imported_func(None, func)?,
            WorldItem::Interface { id, .. } => {
                let iface = &resolve.interfaces[*id];
                for func in iface.functions.values() {
                    walk.imported_func(Some(key), func)?;
                }
                for ty in iface.types.values() {
                    walk.resource_intrinsics(Some(key), *ty, false);
                }
            }
            WorldItem::Type { id, .. } => walk.resource_intrinsics(None, *id, false),
        }
    }
    for (key, item) in &world.exports {
        if let WorldItem::Interface { id, .. } = item {
            for ty in resolve.interfaces[*id].types.values() {
                walk.resource_intrinsics(Some(key), *ty, true);
            }
        }
    }
    for (key, item) in &world.exports {
        match item {
            WorldItem::Function(func) => walk.exported_func(None, func)?,
            WorldItem::Interface { id, .. } => {
                let iface = &resolve.interfaces[*id];
                for func in iface.functions.values() {
                    walk.exported_func(Some(key), func)?;
                }
                for ty in iface.types.values() {
                    walk.dtor(key, *ty);
                }
            }
            WorldItem::Type { .. } => {}
        }
    }
    walk.module_export(WasmExport::Memory, ItemKind::Memory, None);
    let realloc = CoreSig::new(&[CoreType::I32; 4], &[CoreType::I32]);
    walk.module_export(WasmExport::Realloc, ItemKind::Realloc, Some(realloc));
    walk.module_export(WasmExport::Initialize, ItemKind::Initialize, Some(CoreSig::new(&[], &[])));
    Ok(Target { mangling, imports: walk.imports, exports: walk.exports })
}

struct Walk<'a> {
    resolve: &'a Resolve,
    mangling: Mangling,
    imports: Vec<Item>,
    exports: Vec<Item>,
}

impl Walk<'_> {
    fn wit_name(&self, interface: Option<&WorldKey>, item: &str) -> String {
        match interface {
            Some(key) => format!("{}#{item}", self.resolve.name_world_key(key)),
            None => item.to_string(),
        }
    }

    fn reject_async(&self, interface: Option<&WorldKey>, func: &Function) -> Result<(), TargetError> {
        let why = if func.kind.is_async() {
            "is an async function"
        } else if !func.find_futures_and_streams(self.resolve).is_empty() {
            "passes a future or stream"
        } else {
            return Ok(());
        };
        Err(TargetError::Async { wit: self.wit_name(interface, &func.name), why })
    }

    fn imported_func(&mut self, interface: Option<&WorldKey>, func: &Function) -> Result<(), TargetError> {
        self.reject_async(interface, func)?;
        let resolve = self.resolve;
        let sig = resolve.wasm_signature(AbiVariant::GuestImport, func);
        let (module, name) = resolve.wasm_import_name(self.mangling.wit(), WasmImport::Func { interface, func });
        let needs = Needs::of(resolve, func, &sig);
        self.imports.push(Item {
            module: Some(module),
            name,
            kind: ItemKind::Func,
            sig: Some(CoreSig::from_wit(&sig)),
            wit: Some(self.wit_name(interface, &func.name)),
            // Lowering an import: the host reads arguments out of memory and allocates results in it.
            needs_memory: needs.memory(),
            needs_realloc: needs.result_ptr,
            origin: Origin::Func { interface: interface.cloned(), func: func.name.clone() },
        });
        Ok(())
    }

    fn exported_func(&mut self, interface: Option<&WorldKey>, func: &Function) -> Result<(), TargetError> {
        self.reject_async(interface, func)?;
        let resolve = self.resolve;
        let sig = resolve.wasm_signature(AbiVariant::GuestExport, func);
        let needs = Needs::of(resolve, func, &sig);
        let origin = Origin::Func { interface: interface.cloned(), func: func.name.clone() };
        let wit = self.wit_name(interface, &func.name);
        let name = |kind| resolve.wasm_export_name(self.mangling.wit(), WasmExport::Func { interface, func, kind });
        let core = CoreSig::from_wit(&sig);
        let post = CoreSig { params: core.results.clone(), results: Vec::new() };
        self.exports.push(Item {
            module: None,
            name: name(WasmExportKind::Normal),
            kind: ItemKind::Func,
            sig: Some(core),
            wit: Some(wit.clone()),
            // Lifting an export: the host allocates arguments in the guest and reads results out.
            needs_memory: needs.memory(),
            needs_realloc: needs.param_ptr || sig.indirect_params,
            origin: origin.clone(),
        });
        self.exports.push(Item {
            module: None,
            name: name(WasmExportKind::PostReturn),
            kind: ItemKind::PostReturn,
            sig: Some(post),
            wit: Some(wit),
            needs_memory: false,
            needs_realloc: false,
            origin,
        });
        Ok(())
    }

    /// `exported` resources get drop, new and rep under the `_ex_`/`[export]` module; imported ones drop only.
    fn resource_intrinsics(&mut self, interface: Option<&WorldKey>, resource: TypeId, exported: bool) {
        let ty = &self.resolve.types[resource];
        if !matches!(ty.kind, TypeDefKind::Resource) {
            return;
        }
        let resource_name = ty.name.as_deref().expect("resources are named");
        let kinds: &[ItemKind] = if exported {
            &[ItemKind::ResourceDrop, ItemKind::ResourceNew, ItemKind::ResourceRep]
        } else {
            &[ItemKind::ResourceDrop]
        };
        for &kind in kinds {
            let (intrinsic, sig) = match (kind, exported) {
                (ItemKind::ResourceDrop, false) => {
                    (ResourceIntrinsic::ImportedDrop, CoreSig::new(&[CoreType::I32], &[]))
                }
                (ItemKind::ResourceDrop, true) => {
                    (ResourceIntrinsic::ExportedDrop, CoreSig::new(&[CoreType::I32], &[]))
                }
                (ItemKind::ResourceNew, _) => {
                    (ResourceIntrinsic::ExportedNew, CoreSig::new(&[CoreType::I32], &[CoreType::I32]))
                }
                _ => (ResourceIntrinsic::ExportedRep, CoreSig::new(&[CoreType::I32], &[CoreType::I32])),
            };
            let (module, name) = self.resolve.wasm_import_name(
                self.mangling.wit(),
                WasmImport::ResourceIntrinsic { interface, resource, intrinsic },
            );
            self.imports.push(Item {
                module: Some(module),
                name,
                kind,
                sig: Some(sig),
                wit: Some(self.wit_name(interface, resource_name)),
                needs_memory: false,
                needs_realloc: false,
                origin: Origin::Resource { interface: interface.cloned(), resource },
            });
        }
    }

    fn dtor(&mut self, interface: &WorldKey, resource: TypeId) {
        let ty = &self.resolve.types[resource];
        if !matches!(ty.kind, TypeDefKind::Resource) {
            return;
        }
        let name = self.resolve.wasm_export_name(self.mangling.wit(), WasmExport::ResourceDtor { interface, resource });
        self.exports.push(Item {
            module: None,
            name,
            kind: ItemKind::Dtor,
            sig: Some(CoreSig::new(&[CoreType::I32], &[])),
            wit: Some(self.wit_name(Some(interface), ty.name.as_deref().expect("resources are named"))),
            needs_memory: false,
            needs_realloc: false,
            origin: Origin::Resource { interface: Some(interface.clone()), resource },
        });
    }

    fn module_export(&mut self, export: WasmExport<'_>, kind: ItemKind, sig: Option<CoreSig>) {
        self.exports.push(Item {
            module: None,
            name: self.resolve.wasm_export_name(self.mangling.wit(), export),
            kind,
            sig,
            wit: None,
            needs_memory: false,
            needs_realloc: false,
            origin: Origin::Module,
        });
    }
}

/// Where a function's values touch linear memory.
struct Needs {
    param_ptr: bool,
    result_ptr: bool,
    spilled: bool,
}

impl Needs {
    fn of(resolve: &Resolve, func: &Function, sig: &WasmSignature) -> Needs {
        Needs {
            param_ptr: func.params.iter().any(|p| contains_pointer(resolve, &p.ty)),
            result_ptr: func.result.as_ref().is_some_and(|ty| contains_pointer(resolve, ty)),
            spilled: sig.indirect_params || sig.retptr,
        }
    }

    fn memory(&self) -> bool {
        self.param_ptr || self.result_ptr || self.spilled
    }
}

/// Whether a value of `ty` is (or holds) a string or list, i.e. points into linear memory.
pub fn contains_pointer(resolve: &Resolve, ty: &Type) -> bool {
    let id = match ty {
        Type::String => return true,
        Type::Id(id) => *id,
        _ => return false,
    };
    match &resolve.types[id].kind {
        TypeDefKind::List(_) | TypeDefKind::Map(..) => true,
        TypeDefKind::Record(r) => r.fields.iter().any(|f| contains_pointer(resolve, &f.ty)),
        TypeDefKind::Tuple(t) => t.types.iter().any(|t| contains_pointer(resolve, t)),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).any(|t| contains_pointer(resolve, t)),
        TypeDefKind::Option(t) | TypeDefKind::FixedLengthList(t, _) | TypeDefKind::Type(t) => {
            contains_pointer(resolve, t)
        }
        TypeDefKind::Result(r) => [&r.ok, &r.err].into_iter().flatten().any(|t| contains_pointer(resolve, t)),
        TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Unknown => false,
    }
}
