//! Components on a core engine. A component (wasmparser validates its structure while the engine
//! compiles, and so validates, each of its core modules on another thread) is instantiated
//! definition by definition, in the spec's order, into one store: core modules are compiled and
//! instantiated with their named argument instances, whose items (functions, memories, tables,
//! globals) flow into the imports directly; `canon lower` of an imported function makes a host
//! trampoline with the options of that lowering; `canon lift` binds an export with its own
//! options; nested components are instantiated the same way, each a component instance with its
//! own handle table. Strings cross in each `canon`'s encoding (`utf8`, `utf16`, `latin1+utf16`).
//!
//! The component's imports bind to the linker's world by name: an imported instance
//! `wasi:io/streams@0.2.6` supplies the world's `wasi:io/streams@0.2.12` functions and resources
//! (same semver track). Constructs cm32 cannot run yet are refused before anything runs, naming
//! the construct and its byte offset.

use std::collections::HashMap;
use std::sync::Arc;

use wit_parser::{Function, Type, WorldItem};

use cm32_abi::{CoreSig, ItemKind};
use wasmparser::{
    CanonicalFunction, CanonicalOption, Chunk, ComponentAlias, ComponentExternalKind, ComponentInstance,
    ComponentOuterAliasKind, ComponentType, ComponentTypeRef, ExternalKind, Instance as CoreInstanceDef, Parser,
    Payload,
};

use crate::abi::{CanonOptions, ComponentIdx, StringEncoding};
use crate::compiled::Compiled;
use crate::component_types::{self, Ty};
use crate::engine::{CoreInstance, CoreItem, CoreMemory, Engine, GuestFunc};
use crate::instance::{
    Bindings, Dtor, Dtors, ExportBinding, Instance, LateWorld, Shared, fused_trampoline, intrinsic_trampoline,
    unknown_import,
};
use crate::linker::{LinkError, Linker};
use crate::pre::{InstancePre, Plan};
use crate::types::{ResourceIdx, Side};
use crate::world::{Direction, FuncIdx, World, same_interface};

/// A component-level function.
#[derive(Clone)]
enum Func {
    /// A function of the host's world.
    Host(FuncIdx),
    /// An imported function the host's world does not have (its WIT name).
    Missing(String),
    /// A core function lifted with these options, with its type (when cm32 can carry it) and a
    /// name for messages.
    Lifted { func: CoreItem, options: CanonOptions, sig: Option<Arc<Function>>, name: String },
}

/// A component instance as the definitions see it.
#[derive(Clone)]
enum Inst {
    /// An instance the host supplies: an interface of its world, named with the version the
    /// component asked for.
    Host(String),
    Items(HashMap<String, Item>),
}

/// Anything a component passes by name.
#[derive(Clone)]
enum Item {
    Func(Func),
    Instance(Inst),
    Type(Ty),
    Module(Arc<[u8]>),
    Component(Arc<[u8]>),
}

enum CoreInst {
    Instance(CoreInstance),
    Bundle(HashMap<String, CoreDef>),
}

/// A core item, or a function nothing provides (its WIT name) that the linker lets through: it
/// becomes a host function that traps once a module imports it, with the type that module
/// declares.
#[derive(Clone)]
enum CoreDef {
    Item(CoreItem),
    Unknown(String),
}

impl CoreDef {
    /// The item, where only a real one will do (an option, a lifted function).
    fn item(&self, offset: usize) -> Result<CoreItem, LinkError> {
        match self {
            CoreDef::Item(item) => Ok(*item),
            CoreDef::Unknown(wit) => {
                Err(refuse(offset, format!("`{wit}`, which nothing provides, is used as more than an import")))
            }
        }
    }
}

/// The index spaces of one component being instantiated.
#[derive(Default)]
struct Frame {
    funcs: Vec<Func>,
    instances: Vec<Inst>,
    types: Vec<Ty>,
    modules: Vec<Arc<[u8]>>,
    components: Vec<Arc<[u8]>>,
    core_funcs: Vec<CoreDef>,
    core_memories: Vec<CoreDef>,
    core_tables: Vec<CoreDef>,
    core_globals: Vec<CoreDef>,
    core_instances: Vec<CoreInst>,
    exports: HashMap<String, Item>,
}

/// An item exported under `name`: a function lifted here takes the name, for messages.
fn named(item: Item, name: &str) -> Item {
    match item {
        Item::Func(Func::Lifted { func, options, sig, .. }) => {
            Item::Func(Func::Lifted { func, options, sig, name: name.to_string() })
        }
        Item::Instance(Inst::Items(items)) => Item::Instance(Inst::Items(
            items
                .into_iter()
                .map(|(n, item)| {
                    let item = match item {
                        Item::Func(Func::Lifted { func, options, sig, name: inner }) if !inner.contains('#') => {
                            Item::Func(Func::Lifted { func, options, sig, name: format!("{name}#{inner}") })
                        }
                        other => other,
                    };
                    (n, item)
                })
                .collect(),
        )),
        other => other,
    }
}

/// Why a component cannot be run, at a byte offset.
fn refuse(offset: usize, what: impl std::fmt::Display) -> LinkError {
    LinkError::Component(format!("at byte {offset:#x} of the component: {what}"))
}

/// A wasmparser enum case as a construct's name: `WaitableSetNew { .. }` → `waitable-set-new`.
fn kebab(case: &impl std::fmt::Debug) -> String {
    let debug = format!("{case:?}");
    let name = debug.split([' ', '{', '(']).next().unwrap_or("");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The world's function `func` of the interface `iface`, as a component names them.
fn world_func(world: &World, direction: Direction, iface: Option<&str>, func: &str) -> Option<FuncIdx> {
    world.funcs().find_map(|(idx, plan)| {
        if plan.direction != direction {
            return None;
        }
        let matches = match (iface, plan.wit.rsplit_once('#')) {
            (Some(iface), Some((have, name))) => name == func && same_interface(iface, have),
            (None, None) => plan.wit == func,
            _ => false,
        };
        matches.then_some(idx)
    })
}

/// The core signature of a lowered function: flat parameters (or one pointer to them), and a flat
/// result or a trailing pointer to a return area.
fn lowered_sig(world: &World, plan: FuncIdx) -> CoreSig {
    let plan = world.func(plan);
    let mut params = plan.flat_params.clone().unwrap_or_else(|| vec![cm32_abi::CoreType::I32]);
    let results = match &plan.flat_result {
        Some(flat) => flat.clone(),
        None => {
            params.push(cm32_abi::CoreType::I32);
            Vec::new()
        }
    };
    CoreSig { params, results }
}

/// The imports of a core module: (module, name, the core type of a function import).
fn module_imports(module: &[u8]) -> Result<Vec<(String, String, Option<CoreSig>)>, String> {
    let core = |t: &wasmparser::ValType| match t {
        wasmparser::ValType::I32 => Some(cm32_abi::CoreType::I32),
        wasmparser::ValType::I64 => Some(cm32_abi::CoreType::I64),
        wasmparser::ValType::F32 => Some(cm32_abi::CoreType::F32),
        wasmparser::ValType::F64 => Some(cm32_abi::CoreType::F64),
        _ => None,
    };
    let mut sigs: Vec<Option<CoreSig>> = Vec::new();
    let mut imports = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        match payload.map_err(|e| e.to_string())? {
            Payload::TypeSection(section) => {
                for ty in section.into_iter_err_on_gc_types() {
                    let ty = ty.map_err(|e| e.to_string())?;
                    let params: Option<Vec<_>> = ty.params().iter().map(core).collect();
                    let results: Option<Vec<_>> = ty.results().iter().map(core).collect();
                    sigs.push(params.zip(results).map(|(params, results)| CoreSig { params, results }));
                }
            }
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    let sig = match import.ty {
                        wasmparser::TypeRef::Func(t) => sigs.get(t as usize).cloned().flatten(),
                        _ => None,
                    };
                    imports.push((import.module.to_string(), import.name.to_string(), sig));
                }
            }
            _ => {}
        }
    }
    Ok(imports)
}

struct Run<'l, T: Send + 'static, E: Engine> {
    linker: &'l Linker<T, E>,
    engine: &'l E,
    store: Plan<T, E>,
    /// The linker's world with the types, resources and lifted functions of this component
    /// added; it becomes the instance's world, which `late` hands to the fused calls.
    ext: World,
    late: LateWorld,
    /// The destructors of the resource types the component's instances define.
    guest_dtors: HashMap<ResourceIdx, (GuestFunc, ComponentIdx)>,
    /// Every memory a lowering or lifting uses; the first is the one tools see.
    memories: Vec<CoreMemory>,
    missing: Vec<String>,
    /// The component's bytes and every core module of it, compiled.
    compiled: &'l Compiled<E>,
}

impl<T: Send + 'static, E: Engine> Run<'_, T, E> {
    fn world(&self) -> &Arc<World> {
        self.linker.world()
    }

    /// A core function item in a slot of its own, for the ABI layer to call.
    fn func_slot(&mut self, item: CoreItem) -> Result<GuestFunc, LinkError> {
        let slot = self.store.reserve_func();
        self.store.set_func(slot, item);
        Ok(slot)
    }

    /// The world's type `name` of the interface a component imports as `iface`.
    fn world_type(&self, iface: &str, name: &str) -> Option<Ty> {
        let resolve = self.ext.resolve();
        let world = &resolve.worlds[self.ext.world];
        world.imports.iter().find_map(|(key, item)| {
            let WorldItem::Interface { id, .. } = item else { return None };
            if !same_interface(iface, &resolve.name_world_key(key)) {
                return None;
            }
            let ty = *resolve.interfaces[*id].types.get(name)?;
            Some(Ty::Value(Type::Id(ty)))
        })
    }

    /// A new component instance, with its own handle table.
    fn new_component(&mut self) -> ComponentIdx {
        self.store.add_component()
    }

    fn core_item(frame: &Frame, kind: ExternalKind, index: u32, offset: usize) -> Result<CoreDef, LinkError> {
        let space = match kind {
            ExternalKind::Func | ExternalKind::FuncExact => &frame.core_funcs,
            ExternalKind::Memory => &frame.core_memories,
            ExternalKind::Table => &frame.core_tables,
            ExternalKind::Global => &frame.core_globals,
            ExternalKind::Tag => return Err(refuse(offset, "cm32 does not run exception tags yet")),
        };
        space.get(index as usize).cloned().ok_or_else(|| refuse(offset, format!("no core {kind:?} {index}")))
    }

    fn core_export(&mut self, frame: &Frame, instance: u32, name: &str, offset: usize) -> Result<CoreDef, LinkError> {
        match frame.core_instances.get(instance as usize) {
            Some(CoreInst::Instance(i)) => self
                .store
                .export(*i, name)
                .map(CoreDef::Item)
                .ok_or_else(|| refuse(offset, format!("core instance has no export `{name}`"))),
            Some(CoreInst::Bundle(items)) => {
                items.get(name).cloned().ok_or_else(|| refuse(offset, format!("core instance has no export `{name}`")))
            }
            None => Err(refuse(offset, format!("no core instance {instance}"))),
        }
    }

    fn options(
        &mut self,
        frame: &Frame,
        options: &[CanonicalOption],
        component: ComponentIdx,
        offset: usize,
    ) -> Result<CanonOptions, LinkError> {
        let mut opts =
            CanonOptions { component, memory: None, realloc: None, post_return: None, encoding: StringEncoding::Utf8 };
        let func_slot = |run: &mut Self, index: u32| -> Result<GuestFunc, LinkError> {
            let item = Self::core_item(frame, ExternalKind::Func, index, offset)?.item(offset)?;
            run.func_slot(item)
        };
        for option in options {
            match option {
                CanonicalOption::UTF8 => opts.encoding = StringEncoding::Utf8,
                CanonicalOption::UTF16 => opts.encoding = StringEncoding::Utf16,
                CanonicalOption::CompactUTF16 => opts.encoding = StringEncoding::Latin1Utf16,
                CanonicalOption::Memory(index) => {
                    let item = Self::core_item(frame, ExternalKind::Memory, *index, offset)?.item(offset)?;
                    let slot = self.store.reserve_memory();
                    self.store.set_memory(slot, item);
                    self.memories.push(slot);
                    opts.memory = Some(slot);
                }
                CanonicalOption::Realloc(index) => opts.realloc = Some(func_slot(self, *index)?),
                CanonicalOption::PostReturn(index) => opts.post_return = Some(func_slot(self, *index)?),
                CanonicalOption::Async | CanonicalOption::Callback(_) => {
                    return Err(refuse(offset, "cm32 does not run the async ABI (WASI 0.3) yet"));
                }
                CanonicalOption::CoreType(_) | CanonicalOption::Gc => {
                    return Err(refuse(offset, "cm32 does not run the GC canonical ABI"));
                }
            }
        }
        Ok(opts)
    }

    /// The host's item `name` of the instance `iface` (a function or a resource type).
    fn host_item(
        &mut self,
        iface: &str,
        kind: ComponentExternalKind,
        name: &str,
        offset: usize,
    ) -> Result<Item, LinkError> {
        let world = self.world().clone();
        match kind {
            ComponentExternalKind::Func => {
                Ok(Item::Func(match world_func(&world, Direction::Import, Some(iface), name) {
                    Some(plan) => Func::Host(plan),
                    None => Func::Missing(format!("{iface}#{name}")),
                }))
            }
            ComponentExternalKind::Type => {
                let resource = world.types().resources().find_map(|(idx, r)| {
                    let (have, rname) = r.wit.rsplit_once('#')?;
                    (rname == name && same_interface(iface, have) && r.side == Side::Host).then_some(idx)
                });
                Ok(Item::Type(match resource {
                    Some(r) => Ty::Resource(r),
                    None => self.world_type(iface, name).unwrap_or(Ty::Opaque),
                }))
            }
            other => Err(refuse(offset, format!("cm32 cannot take a {other:?} out of the host's instance `{iface}`"))),
        }
    }

    fn push(frame: &mut Frame, item: Item) {
        match item {
            Item::Func(f) => frame.funcs.push(f),
            Item::Instance(i) => frame.instances.push(i),
            Item::Type(t) => frame.types.push(t),
            Item::Module(m) => frame.modules.push(m),
            Item::Component(c) => frame.components.push(c),
        }
    }

    fn item(frame: &Frame, kind: ComponentExternalKind, index: u32, offset: usize) -> Result<Item, LinkError> {
        let missing = || refuse(offset, format!("no {kind:?} {index}"));
        let i = index as usize;
        Ok(match kind {
            ComponentExternalKind::Func => Item::Func(frame.funcs.get(i).ok_or_else(missing)?.clone()),
            ComponentExternalKind::Instance => Item::Instance(frame.instances.get(i).ok_or_else(missing)?.clone()),
            ComponentExternalKind::Type => Item::Type(frame.types.get(i).ok_or_else(missing)?.clone()),
            ComponentExternalKind::Module => Item::Module(frame.modules.get(i).ok_or_else(missing)?.clone()),
            ComponentExternalKind::Component => Item::Component(frame.components.get(i).ok_or_else(missing)?.clone()),
            ComponentExternalKind::Value => return Err(refuse(offset, "cm32 does not run component values")),
        })
    }

    /// Instantiates the component `bytes` with `args` (the root has none: its imports come from
    /// the host) as component instance `component`, and returns its exports.
    fn component(
        &mut self,
        bytes: &[u8],
        args: &HashMap<String, Item>,
        outer: &[&Frame],
        component: ComponentIdx,
        root: bool,
    ) -> Result<HashMap<String, Item>, LinkError> {
        let mut frame = Frame::default();
        let mut parser = Parser::new(0);
        let mut data = bytes;
        let position = |data: &[u8]| bytes.len() - data.len();
        loop {
            let offset = position(data);
            let (consumed, payload) = match parser.parse(data, true).map_err(|e| refuse(offset, e))? {
                Chunk::Parsed { consumed, payload } => (consumed, payload),
                Chunk::NeedMoreData(_) => return Err(refuse(offset, "the component ends early")),
            };
            data = &data[consumed..];
            match payload {
                Payload::ModuleSection { ref unchecked_range, .. }
                | Payload::ComponentSection { ref unchecked_range, .. } => {
                    let is_module = matches!(payload, Payload::ModuleSection { .. });
                    let range = unchecked_range.start as usize..unchecked_range.end as usize;
                    let body: Arc<[u8]> = bytes
                        .get(range.clone())
                        .ok_or_else(|| refuse(offset, "a nested module passes the end"))?
                        .into();
                    data = data.get(range.len()..).ok_or_else(|| refuse(offset, "a nested module passes the end"))?;
                    if is_module {
                        frame.modules.push(body);
                    } else {
                        frame.components.push(body);
                    }
                }
                Payload::ComponentImportSection(section) => {
                    for import in section {
                        let import = import.map_err(|e| refuse(offset, e))?;
                        let name = import.name.name;
                        let item = if root {
                            match import.ty {
                                ComponentTypeRef::Instance(_) => Item::Instance(Inst::Host(name.to_string())),
                                ComponentTypeRef::Func(_) => {
                                    Item::Func(match world_func(self.world(), Direction::Import, None, name) {
                                        Some(plan) => Func::Host(plan),
                                        None => Func::Missing(name.to_string()),
                                    })
                                }
                                // A type equal to one the component has already: that type.
                                ComponentTypeRef::Type(wasmparser::TypeBounds::Eq(i)) => {
                                    Item::Type(frame.types.get(i as usize).cloned().unwrap_or(Ty::Opaque))
                                }
                                ComponentTypeRef::Type(_) => Item::Type(Ty::Opaque),
                                other => {
                                    return Err(refuse(
                                        offset,
                                        format!("cm32 cannot supply an import `{name}` of {other:?}"),
                                    ));
                                }
                            }
                        } else {
                            args.get(name)
                                .cloned()
                                .ok_or_else(|| refuse(offset, format!("no argument for `{name}`")))?
                        };
                        Self::push(&mut frame, item);
                    }
                }
                Payload::ComponentTypeSection(section) => {
                    for ty in section {
                        let ty = match ty.map_err(|e| refuse(offset, e))? {
                            ComponentType::Defined(def) => component_types::defined(&mut self.ext, &frame.types, &def),
                            ComponentType::Func(ft) => component_types::func(&frame.types, &ft),
                            ComponentType::Resource { dtor, .. } => {
                                // A new resource type for each instance of the component.
                                let n = self.ext.types().resources().count();
                                let (r, _) = self.ext.add_guest_resource(format!("resource{n}"), component);
                                if let Some(dtor) = dtor {
                                    let item =
                                        Self::core_item(&frame, ExternalKind::Func, dtor, offset)?.item(offset)?;
                                    let slot = self.func_slot(item)?;
                                    self.guest_dtors.insert(r, (slot, component));
                                }
                                Ty::Resource(r)
                            }
                            ComponentType::Component(_) | ComponentType::Instance(_) => Ty::Opaque,
                        };
                        frame.types.push(ty);
                    }
                }
                Payload::CoreTypeSection(_) | Payload::CustomSection(_) | Payload::Version { .. } => {}
                Payload::ComponentAliasSection(section) => {
                    for alias in section {
                        match alias.map_err(|e| refuse(offset, e))? {
                            ComponentAlias::InstanceExport { kind, instance_index, name } => {
                                let item = match frame.instances.get(instance_index as usize).cloned() {
                                    Some(Inst::Host(iface)) => self.host_item(&iface, kind, name, offset)?,
                                    Some(Inst::Items(items)) => items
                                        .get(name)
                                        .cloned()
                                        .ok_or_else(|| refuse(offset, format!("instance has no export `{name}`")))?,
                                    None => return Err(refuse(offset, format!("no instance {instance_index}"))),
                                };
                                Self::push(&mut frame, item);
                            }
                            ComponentAlias::CoreInstanceExport { kind, instance_index, name } => {
                                let item = self.core_export(&frame, instance_index, name, offset)?;
                                match kind {
                                    ExternalKind::Func | ExternalKind::FuncExact => frame.core_funcs.push(item),
                                    ExternalKind::Memory => frame.core_memories.push(item),
                                    ExternalKind::Table => frame.core_tables.push(item),
                                    ExternalKind::Global => frame.core_globals.push(item),
                                    ExternalKind::Tag => {
                                        return Err(refuse(offset, "cm32 does not run exception tags"));
                                    }
                                }
                            }
                            ComponentAlias::Outer { kind, count, index } => {
                                let from =
                                    outer.len().checked_sub(count as usize).and_then(|i| outer.get(i)).ok_or_else(
                                        || refuse(offset, "an outer alias reaches past the outermost component"),
                                    )?;
                                let i = index as usize;
                                let missing = || refuse(offset, "an outer alias to nothing");
                                match kind {
                                    ComponentOuterAliasKind::Type => {
                                        frame.types.push(from.types.get(i).ok_or_else(missing)?.clone())
                                    }
                                    ComponentOuterAliasKind::CoreModule => {
                                        frame.modules.push(from.modules.get(i).ok_or_else(missing)?.clone())
                                    }
                                    ComponentOuterAliasKind::Component => {
                                        frame.components.push(from.components.get(i).ok_or_else(missing)?.clone())
                                    }
                                    ComponentOuterAliasKind::CoreType => {}
                                }
                            }
                        }
                    }
                }
                Payload::InstanceSection(section) => {
                    for instance in section {
                        let core = match instance.map_err(|e| refuse(offset, e))? {
                            CoreInstanceDef::Instantiate { module_index, args } => {
                                let module = frame
                                    .modules
                                    .get(module_index as usize)
                                    .cloned()
                                    .ok_or_else(|| refuse(offset, format!("no core module {module_index}")))?;
                                let imports = module_imports(&module).map_err(|e| refuse(offset, e))?;
                                let mut items = Vec::new();
                                for (module_name, name, sig) in &imports {
                                    let arg = args.iter().find(|a| a.name == module_name).ok_or_else(|| {
                                        refuse(offset, format!("no argument instance `{module_name}`"))
                                    })?;
                                    let item = match self.core_export(&frame, arg.index, name, offset)? {
                                        CoreDef::Item(item) => item,
                                        CoreDef::Unknown(wit) => {
                                            let sig = sig.as_ref().ok_or_else(|| {
                                                refuse(offset, format!("`{wit}` is imported as other than a function"))
                                            })?;
                                            self.store.host_func(sig, unknown_import(wit))
                                        }
                                    };
                                    items.push(item);
                                }
                                let named: Vec<(&str, &str, CoreItem)> = imports
                                    .iter()
                                    .zip(items)
                                    .map(|((m, n, _), item)| (m.as_str(), n.as_str(), item))
                                    .collect();
                                let compiled = match self.compiled.component_module(&module) {
                                    Some(compiled) => compiled.clone(),
                                    None => self.engine.compile(&module)?,
                                };
                                let compiled = self.store.add_module(compiled, &module)?;
                                CoreInst::Instance(self.store.instantiate(compiled, &named)?)
                            }
                            CoreInstanceDef::FromExports(exports) => {
                                let mut items = HashMap::new();
                                for export in exports.iter() {
                                    items.insert(
                                        export.name.to_string(),
                                        Self::core_item(&frame, export.kind, export.index, offset)?,
                                    );
                                }
                                CoreInst::Bundle(items)
                            }
                        };
                        frame.core_instances.push(core);
                    }
                }
                Payload::ComponentCanonicalSection(section) => {
                    for canon in section {
                        let canon = canon.map_err(|e| refuse(offset, e))?;
                        match canon {
                            CanonicalFunction::Lift { core_func_index, type_index, options } => {
                                let func = Self::core_item(&frame, ExternalKind::Func, core_func_index, offset)?
                                    .item(offset)?;
                                let options = self.options(&frame, &options, component, offset)?;
                                let sig = match frame.types.get(type_index as usize) {
                                    Some(Ty::Func(sig)) => Some(sig.clone()),
                                    _ => None,
                                };
                                let name =
                                    format!("function {} of component instance {}", frame.funcs.len(), component.0);
                                frame.funcs.push(Func::Lifted { func, options, sig, name });
                            }
                            CanonicalFunction::Lower { func_index, options } => {
                                let options = self.options(&frame, &options, component, offset)?;
                                let plan = match frame.funcs.get(func_index as usize) {
                                    Some(Func::Host(plan)) => *plan,
                                    // Lowering what nothing provides: the program could call it. With
                                    // unknown imports allowed it traps when called, with the type the
                                    // module that imports it declares.
                                    Some(Func::Missing(name)) if self.linker.allows_unknown_imports() => {
                                        frame.core_funcs.push(CoreDef::Unknown(name.clone()));
                                        continue;
                                    }
                                    Some(Func::Missing(name)) => {
                                        return Err(LinkError::MissingImports {
                                            importer: "component",
                                            missing: vec![format!("{name} (at byte {offset:#x} of the component)")],
                                            provided: self.linker.provided(),
                                        });
                                    }
                                    Some(Func::Lifted { func, options: callee, sig, name }) => {
                                        let Some(sig) = sig else {
                                            return Err(refuse(
                                                offset,
                                                format!("cm32 cannot carry the types of `{name}` between components"),
                                            ));
                                        };
                                        let (func, callee, sig, name) = (*func, *callee, sig.clone(), name.clone());
                                        let plan = self.ext.add_lifted(name, &sig);
                                        let callee_func = self.func_slot(func)?;
                                        let call =
                                            fused_trampoline(self.late.clone(), plan, callee_func, callee, options);
                                        let item = self.store.host_func(&lowered_sig(&self.ext, plan), call);
                                        frame.core_funcs.push(CoreDef::Item(item));
                                        continue;
                                    }
                                    None => return Err(refuse(offset, format!("no function {func_index}"))),
                                };
                                let world = self.world().clone();
                                let sig = lowered_sig(&world, plan);
                                let item = match self.linker.trampoline(plan) {
                                    Some(make) => {
                                        let func = make(self.engine, &sig, world.clone(), plan, options);
                                        self.store.host_func_made(func)
                                    }
                                    None => {
                                        let wit = world.func(plan).wit.clone();
                                        if !self.linker.allows_unknown_imports() {
                                            self.missing.push(wit.clone());
                                        }
                                        self.store.host_func(&sig, unknown_import(wit))
                                    }
                                };
                                frame.core_funcs.push(CoreDef::Item(item));
                            }
                            CanonicalFunction::ResourceNew { resource }
                            | CanonicalFunction::ResourceRep { resource }
                            | CanonicalFunction::ResourceDrop { resource } => {
                                let (kind, results) = match canon {
                                    CanonicalFunction::ResourceNew { .. } => (ItemKind::ResourceNew, 1),
                                    CanonicalFunction::ResourceRep { .. } => (ItemKind::ResourceRep, 1),
                                    _ => (ItemKind::ResourceDrop, 0),
                                };
                                let r = match frame.types.get(resource as usize) {
                                    Some(Ty::Resource(r)) => *r,
                                    // A resource of an interface nothing provides: none can exist.
                                    Some(_) if self.linker.allows_unknown_imports() => {
                                        frame
                                            .core_funcs
                                            .push(CoreDef::Unknown(format!("resource.drop of type {resource}")));
                                        continue;
                                    }
                                    _ => return Err(refuse(offset, format!("type {resource} is not a resource type"))),
                                };
                                let dtor = match self.ext.types().resource(r).side {
                                    Side::Host => self.linker.host_dtors().get(&r).cloned().map(Dtor::Host),
                                    Side::Guest => self.guest_dtors.get(&r).map(|(f, _)| Dtor::Guest(*f)),
                                };
                                let call = intrinsic_trampoline(self.ext.types(), dtor, kind, r, component);
                                let sig = CoreSig {
                                    params: vec![cm32_abi::CoreType::I32],
                                    results: vec![cm32_abi::CoreType::I32; results],
                                };
                                let item = self.store.host_func(&sig, call);
                                frame.core_funcs.push(CoreDef::Item(item));
                            }
                            other => {
                                return Err(refuse(offset, format!("cm32 does not run `canon {}` yet", kebab(&other))));
                            }
                        }
                    }
                }
                Payload::ComponentInstanceSection(section) => {
                    for instance in section {
                        let inst = match instance.map_err(|e| refuse(offset, e))? {
                            ComponentInstance::Instantiate { component_index, args } => {
                                let nested = frame
                                    .components
                                    .get(component_index as usize)
                                    .cloned()
                                    .ok_or_else(|| refuse(offset, format!("no component {component_index}")))?;
                                let mut given = HashMap::new();
                                for arg in args.iter() {
                                    given
                                        .insert(arg.name.to_string(), Self::item(&frame, arg.kind, arg.index, offset)?);
                                }
                                let id = self.new_component();
                                let mut frames: Vec<&Frame> = outer.to_vec();
                                frames.push(&frame);
                                Inst::Items(self.component(&nested, &given, &frames, id, false)?)
                            }
                            ComponentInstance::FromExports(exports) => {
                                let mut items = HashMap::new();
                                for export in exports.iter() {
                                    let item = Self::item(&frame, export.kind, export.index, offset)?;
                                    let name = export.name.name;
                                    let item = if export.kind == ComponentExternalKind::Func {
                                        named(item, name)
                                    } else {
                                        item
                                    };
                                    items.insert(name.to_string(), item);
                                }
                                Inst::Items(items)
                            }
                        };
                        frame.instances.push(inst);
                    }
                }
                Payload::ComponentExportSection(section) => {
                    for export in section {
                        let export = export.map_err(|e| refuse(offset, e))?;
                        let item = named(Self::item(&frame, export.kind, export.index, offset)?, export.name.name);
                        frame.exports.insert(export.name.name.to_string(), item.clone());
                        // An export is also a new index of its kind.
                        Self::push(&mut frame, item);
                    }
                }
                Payload::ComponentStartSection { start, .. } => {
                    // Arguments and results of a start function are component values (gated in
                    // the spec), which cm32 does not run.
                    if !start.arguments.is_empty() || start.results != 0 {
                        return Err(refuse(
                            offset,
                            "cm32 does not run component values, which this start function takes",
                        ));
                    }
                    let Some(Func::Lifted { func, options, sig: Some(sig), name }) =
                        frame.funcs.get(start.func_index as usize).cloned()
                    else {
                        return Err(refuse(offset, "cm32 runs a start function only if the component lifts it"));
                    };
                    let plan = self.ext.add_lifted(name.clone(), &sig);
                    let func = self.func_slot(func)?;
                    self.store.start(plan, func, options, name);
                }
                Payload::End(_) => return Ok(frame.exports),
                other => return Err(refuse(offset, format!("a component does not hold a {}", kebab(&other)))),
            }
        }
    }
}

impl<T: Send + 'static, E: Engine> Linker<T, E> {
    /// Instantiates a component on `engine`: its imports bind to this linker's world by name and
    /// semver track, and its exports (the world's exports, such as `wasi:cli/run`) become the
    /// instance's functions.
    pub fn instantiate_component(&self, engine: &E, bytes: &[u8], data: T) -> Result<Instance<T, E>, LinkError> {
        let compiled = Compiled::new(engine, bytes)?;
        if !compiled.is_component() {
            return Err(LinkError::Component("not a component: a core module (`Linker::instantiate` runs it)".into()));
        }
        self.link(&compiled)?.instantiate(data)
    }

    /// Links a compiled component, for [`Linker::link`].
    pub(crate) fn component_pre(&self, compiled: &Compiled<E>) -> Result<InstancePre<T, E>, LinkError> {
        let engine = compiled.engine();
        let bytes = compiled.bytes();
        let mut run = Run {
            linker: self,
            engine,
            store: Plan::new(engine),
            ext: self.world().extended(),
            late: LateWorld::default(),
            guest_dtors: HashMap::new(),
            memories: Vec::new(),
            missing: Vec::new(),
            compiled,
        };
        let root = ComponentIdx(0);
        let exports = run.component(bytes, &HashMap::new(), &[], root, true)?;
        if !run.missing.is_empty() && !self.allows_unknown_imports() {
            return Err(LinkError::MissingImports {
                importer: "component",
                missing: run.missing,
                provided: self.provided(),
            });
        }
        let world = self.world().clone();
        let mut bindings = Bindings::new(root);
        bindings.memory = run.memories.first().copied();
        let mut bind =
            |run: &mut Run<'_, T, E>, iface: Option<&str>, name: &str, func: Func| -> Result<(), LinkError> {
                let Func::Lifted { func, options, .. } = func else { return Ok(()) };
                let Some(plan) = world_func(&world, Direction::Export, iface, name) else { return Ok(()) };
                let slot = run.func_slot(func)?;
                bindings.exports.push(ExportBinding { plan, func: slot, options });
                Ok(())
            };
        for (name, item) in &exports {
            match item {
                Item::Func(f) => bind(&mut run, None, name, f.clone())?,
                Item::Instance(Inst::Items(items)) => {
                    for (fname, item) in items {
                        if let Item::Func(f) = item {
                            bind(&mut run, Some(name), fname, f.clone())?;
                        }
                    }
                }
                _ => {}
            }
        }
        // A resource type the world exports is the one the component exports under its name:
        // the world's plans take the component's type, whose handles its `resource.new` makes.
        for (iface, item) in &exports {
            let Item::Instance(Inst::Items(items)) = item else { continue };
            for (name, item) in items {
                let Item::Type(Ty::Resource(defined)) = item else { continue };
                let exported = world.types().resources().find_map(|(idx, r)| {
                    let (have, rname) = r.wit.rsplit_once('#')?;
                    (rname == name && same_interface(iface, have) && r.side == Side::Guest).then_some(idx)
                });
                if let Some(exported) = exported.filter(|e| e != defined) {
                    run.ext.types_mut().redirect_resource(exported, *defined);
                }
            }
        }
        let dtors = Arc::new(Dtors { host: self.host_dtors().clone(), guest: run.guest_dtors });
        let world = Arc::new(run.ext);
        // Cannot fail: the cell is new and set only here.
        let _ = run.late.set(world.clone());
        let shared = Arc::new(Shared { world, dtors, bindings });
        Ok(run.store.finish(shared, self.limits_of(), self.records_realloc()))
    }
}
