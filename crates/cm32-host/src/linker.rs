//! Linking: host functions by WIT name, host resource types with their destructors, and the
//! binding of every core import of a module to its host side, all decided before the module runs.

use std::collections::HashMap;
use std::sync::Arc;

use cm32_abi::module::{Extern, ModuleInterface};
use cm32_abi::{
    CheckOptions, ItemKind, Mangling, ManglingChoice, Origin, check_module, render, resolve_export, resolve_import,
};

use crate::abi::{CanonOptions, ComponentIdx, State, StringEncoding};
use crate::compiled::{Code, Compiled};
use crate::engine::{CoreItem, Engine, GuestFunc, InstantiateError};
use crate::instance::{
    Bindings, Dtor, Dtors, ExportBinding, ImportTrampoline, Instance, Shared, dynamic_host, intrinsic_trampoline,
    unknown_import,
};
use crate::limits::Limits;
use crate::pre::{InstancePre, Plan};
use crate::trap::Trap;
use crate::typed::{LiftParams, Lower, ResultType};
use crate::types::{ResourceIdx, Side};
use crate::val::Val;
use crate::world::{Direction, FuncIdx, World};

/// What a host function gets besides its arguments: the host state, and (to be refused) the
/// instance it was called from.
pub struct HostCx<'a, T> {
    pub data: &'a mut T,
    pub(crate) types: &'a crate::types::Types,
}

impl<T> HostCx<'_, T> {
    /// Calling into the guest from inside one of its imports is re-entry, which the Component Model
    /// forbids: this always fails with a `reentry` trap, which the host function may return.
    pub fn call_export(&mut self, func: &str) -> Trap {
        Trap::new(crate::TrapClass::Reentry, format!("cannot call `{func}` while the guest is inside an import"))
    }

    /// Dropping a guest-defined resource runs the guest's destructor, which cannot happen while the
    /// guest is on the stack: for a guest resource this is a `reentry` trap. A host resource is not
    /// the guest's to destroy: the host releases its own resources itself (a `host` trap here).
    pub fn drop_guest_resource(&mut self, resource: crate::ResourceAny) -> Trap {
        let info = self.types.resource(resource.ty);
        match info.side {
            Side::Guest => Trap::new(
                crate::TrapClass::Reentry,
                format!(
                    "cannot run the destructor of {} rep {} while the guest is inside an import",
                    info.wit, resource.rep
                ),
            ),
            Side::Host => Trap::new(
                crate::TrapClass::Host,
                format!("{} rep {} is a host resource; the host releases it itself", info.wit, resource.rep),
            ),
        }
    }
}

/// Builds the engine's host function for one lowering of a WIT function (with that lowering's
/// options and core signature). Made when the function is defined, where its Rust types are
/// known, so that the engine calls the host's closure statically.
pub(crate) type MakeTrampoline<T, E> = Arc<
    dyn Fn(&E, &cm32_abi::CoreSig, Arc<World>, FuncIdx, CanonOptions) -> <E as Engine>::HostFunc<State<T>>
        + Send
        + Sync,
>;

/// A host function: lifted arguments in, at most one result out.
pub type HostFunc<T> = Arc<dyn Fn(&mut HostCx<'_, T>, &[Val], &mut Option<Val>) -> Result<(), Trap> + Send + Sync>;

/// A host resource's destructor, called with its representation when the last own handle is
/// dropped. It may refuse with a trap (a resource whose dependents are still alive, say), which
/// poisons the instance like any trap.
pub type HostDtor<T> = Arc<dyn Fn(&mut T, u32) -> Result<(), Trap> + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("the world `{world}` has no imported function `{name}`; its imported functions are: {}", .available.join(", "))]
    UnknownFunction { world: String, name: String, available: Vec<String> },
    #[error("the world `{world}` has no imported resource `{name}`; its imported resources are: {}", .available.join(", "))]
    UnknownResource { world: String, name: String, available: Vec<String> },
    #[error("`{func}`: {message}")]
    Signature { func: String, message: String },
    #[error("{0}")]
    Module(String),
    #[error("the module does not keep to the target of world `{world}`:\n{report}")]
    Violations { world: String, report: String },
    #[error(
        "the {importer} imports {} item{} that nothing provides:\n{}\nthe host provides:{}",
        .missing.len(), if .missing.len() == 1 { "" } else { "s" },
        .missing.iter().map(|m| format!("    {m}")).collect::<Vec<_>>().join("\n"),
        if .provided.is_empty() { " (nothing)".to_string() } else { format!("\n    {}", .provided.join("\n    ")) }
    )]
    MissingImports {
        /// `module` or `component`.
        importer: &'static str,
        missing: Vec<String>,
        provided: Vec<String>,
    },
    #[error("{0}")]
    Instantiate(#[from] InstantiateError),
    /// A component that is malformed or uses what cm32 cannot run yet; says what and where.
    #[error("{0}")]
    Component(String),
    /// The component's exports do not fit the bindings `bindgen!` generated for the world.
    #[error("the exports do not fit the bindings: {0}")]
    Exports(Box<crate::instance::CallError>),
}

/// Collects host functions and resources, then links modules against them on engine `E` (the
/// engine is a type of the linker, as in wasmtime, so that each host function is bound to it
/// statically).
pub struct Linker<T: Send + 'static, E: Engine> {
    world: Arc<World>,
    funcs: HashMap<FuncIdx, MakeTrampoline<T, E>>,
    dtors: HashMap<ResourceIdx, HostDtor<T>>,
    allow_unknown_imports: bool,
    record_realloc: bool,
    limits: Limits,
}

impl<T: Send + 'static, E: Engine> Linker<T, E> {
    pub fn new(world: Arc<World>) -> Self {
        Linker {
            world,
            funcs: HashMap::new(),
            dtors: HashMap::new(),
            allow_unknown_imports: false,
            record_realloc: false,
            limits: Limits::default(),
        }
    }

    pub fn world(&self) -> &Arc<World> {
        &self.world
    }

    /// Defines the imported function `wit` (`<interface>#<function>`, the interface's version
    /// optional; or a world-level name).
    pub fn define(
        &mut self,
        wit: &str,
        func: impl Fn(&mut HostCx<'_, T>, &[Val], &mut Option<Val>) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Result<&mut Self, LinkError> {
        let idx = self.import_func(wit)?;
        let host = dynamic_host(self.world.clone(), idx, Arc::new(func));
        let make = move |engine: &E, sig: &cm32_abi::CoreSig, world: Arc<World>, idx: FuncIdx, options| {
            engine.host_func(sig, ImportTrampoline::new(world, idx, options, host.clone()))
        };
        self.funcs.insert(idx, Arc::new(make));
        Ok(self)
    }

    /// Defines the imported function `wit` with Rust types: `P` a tuple of the parameters, `R`
    /// the result (`()` for none). The types are checked against the WIT now; calls then move
    /// values without `Val`.
    pub fn define_typed<P: LiftParams + 'static, R: Lower + ResultType + 'static>(
        &mut self,
        wit: &str,
        func: impl Fn(&mut HostCx<'_, T>, P) -> Result<R, Trap> + Send + Sync + 'static,
    ) -> Result<&mut Self, LinkError> {
        let idx = self.import_func(wit)?;
        let plan = self.world.func(idx);
        let types = self.world.types();
        P::check(types, &plan.param_types)
            .and_then(|()| R::check_result(types, plan.result))
            .map_err(|message| LinkError::Signature { func: plan.wit.clone(), message })?;
        let func = Arc::new(func);
        let make = move |engine: &E, sig: &cm32_abi::CoreSig, world: Arc<World>, idx: FuncIdx, options| {
            engine.host_func(sig, ImportTrampoline::new(world, idx, options, func.clone()))
        };
        self.funcs.insert(idx, Arc::new(make));
        Ok(self)
    }

    fn import_func(&self, wit: &str) -> Result<FuncIdx, LinkError> {
        self.world.find_func(Direction::Import, wit).ok_or_else(|| LinkError::UnknownFunction {
            world: self.world.name().to_string(),
            name: wit.to_string(),
            available: self
                .world
                .funcs()
                .filter(|(_, f)| f.direction == Direction::Import)
                .map(|(_, f)| f.wit.clone())
                .collect(),
        })
    }

    /// Gives the imported resource `wit` (`<interface>#<resource>`) a destructor.
    pub fn resource(
        &mut self,
        wit: &str,
        dtor: impl Fn(&mut T, u32) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Result<ResourceIdx, LinkError> {
        let types = self.world.types();
        let found = types.resources().find(|(_, r)| {
            r.side == Side::Host
                && (r.wit == wit
                    || r.wit
                        .rsplit_once('#')
                        .zip(wit.rsplit_once('#'))
                        .is_some_and(|((ri, rn), (wi, wn))| rn == wn && crate::world::names_interface(wi, ri)))
        });
        let (idx, _) = found.ok_or_else(|| LinkError::UnknownResource {
            world: self.world.name().to_string(),
            name: wit.to_string(),
            available: types.resources().filter(|(_, r)| r.side == Side::Host).map(|(_, r)| r.wit.clone()).collect(),
        })?;
        self.dtors.insert(idx, Arc::new(dtor));
        Ok(idx)
    }

    /// What the linker defines, one entry per interface: `iface (f, g, h)`, sorted.
    pub fn provided(&self) -> Vec<String> {
        let mut by_iface: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
        for f in self.funcs.keys() {
            let wit = &self.world.func(*f).wit;
            let (iface, func) = wit.rsplit_once('#').unwrap_or(("(world)", wit));
            by_iface.entry(iface).or_default().push(func);
        }
        by_iface
            .into_iter()
            .map(|(iface, mut funcs)| {
                funcs.sort_unstable();
                format!("{iface} ({})", funcs.join(", "))
            })
            .collect()
    }

    /// Links imports nothing provides to functions that trap when called, instead of failing.
    pub fn allow_unknown_imports(&mut self, allow: bool) -> &mut Self {
        self.allow_unknown_imports = allow;
        self
    }

    /// How to make the host side of the world's imported function `plan`, if the host defines it.
    pub(crate) fn trampoline(&self, plan: FuncIdx) -> Option<&MakeTrampoline<T, E>> {
        self.funcs.get(&plan)
    }

    pub(crate) fn allows_unknown_imports(&self) -> bool {
        self.allow_unknown_imports
    }

    pub(crate) fn host_dtors(&self) -> &HashMap<ResourceIdx, HostDtor<T>> {
        &self.dtors
    }

    /// Bounds every instance this linker makes (see [`Limits`]). The engine must have been built
    /// to count what they need ([`Limits::engine_options`]); instantiating fails otherwise.
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    pub(crate) fn limits_of(&self) -> Limits {
        self.limits
    }

    pub(crate) fn records_realloc(&self) -> bool {
        self.record_realloc
    }

    /// Keeps a log of every realloc call the host makes, for tests.
    pub fn record_realloc(&mut self, record: bool) -> &mut Self {
        self.record_realloc = record;
        self
    }

    /// Checks `wasm` against the world, binds every import, instantiates it on `engine` (running
    /// its `start` function) and runs `initialize` if it exports one.
    pub fn instantiate(&self, engine: &E, wasm: &[u8], data: T) -> Result<Instance<T, E>, LinkError> {
        if wasmparser::Parser::is_component(wasm) {
            return Err(LinkError::Module(cm32_abi::module::ModuleError::Component.to_string()));
        }
        self.instantiate_pre(engine, wasm)?.instantiate(data)
    }

    /// Checks, links and compiles a core module or a component once, for any number of
    /// instances: [`InstancePre::instantiate`] parses and compiles nothing. The same as
    /// [`Compiled::new`] and then [`Linker::link`].
    pub fn instantiate_pre(&self, engine: &E, wasm: &[u8]) -> Result<InstancePre<T, E>, LinkError> {
        self.link(&Compiled::new(engine, wasm)?)
    }

    /// Links a compiled core module or component to this linker's world, for any number of
    /// instances. The code may have been compiled on another thread while this linker was
    /// built, and may be linked to any number of linkers.
    pub fn link(&self, compiled: &Compiled<E>) -> Result<InstancePre<T, E>, LinkError> {
        match &compiled.code {
            Code::Module { iface, module } => self.module_pre(compiled.engine(), compiled.bytes(), iface, module),
            Code::Component(_) => self.component_pre(compiled),
        }
    }

    /// A core module is the simplest component: one core instance in one component instance,
    /// every function lowered and lifted with the same options, which the target's names give
    /// (its memory, its realloc, each function's post-return).
    fn module_pre(
        &self,
        engine: &E,
        wasm: &[u8],
        iface: &ModuleInterface,
        compiled: &E::Module,
    ) -> Result<InstancePre<T, E>, LinkError> {
        let world = &self.world;
        let options = CheckOptions { mangling: ManglingChoice::Auto, require_all_exports: false };
        let report = check_module(iface, world.target(Mangling::Standard), world.target(Mangling::Legacy), options);
        if !report.conforms() {
            let text = render::check_text(&report, "module", world.name());
            return Err(LinkError::Violations { world: world.name().to_string(), report: text });
        }
        let mangling = report.mangling;
        let target = world.target(mangling);
        let mut store = Plan::<T, E>::new(engine);
        let module = store.add_module(compiled.clone(), wasm)?;
        let component = ComponentIdx(0);

        // Slots for what the ABI layer will use of the instance, filled once it exists: the
        // exports by name, each with its slot.
        let mut memory = None;
        let mut realloc = None;
        let mut func_exports: Vec<(String, GuestFunc)> = Vec::new();
        let mut memory_export = None;
        let mut bindings = Bindings::new(component);
        let mut guest_dtors = HashMap::new();
        let mut posts: HashMap<FuncIdx, GuestFunc> = HashMap::new();
        let mut lifted: Vec<(FuncIdx, GuestFunc)> = Vec::new();
        for export in &iface.exports {
            let Some(item) = resolve_export(target, &export.name) else { continue };
            let mut slot = || {
                let slot = store.reserve_func();
                func_exports.push((export.name.clone(), slot));
                slot
            };
            match (item.kind, &item.origin) {
                (ItemKind::Memory, _) => {
                    let slot = store.reserve_memory();
                    memory = Some(slot);
                    memory_export = Some((export.name.clone(), slot));
                }
                (ItemKind::Realloc, _) => realloc = Some(slot()),
                (ItemKind::Initialize, _) => bindings.initialize = Some(slot()),
                (ItemKind::Func | ItemKind::PostReturn, Origin::Func { interface, func }) => {
                    let plan =
                        world.func_by_origin(Direction::Export, interface, func).expect("every export has a plan");
                    if item.kind == ItemKind::Func {
                        lifted.push((plan, slot()));
                    } else {
                        posts.insert(plan, slot());
                    }
                }
                (ItemKind::Dtor, Origin::Resource { resource, .. }) => {
                    if let Some(r) = world.resource(*resource, Side::Guest) {
                        guest_dtors.insert(r, (slot(), component));
                    }
                }
                _ => {}
            }
        }
        let lowered = CanonOptions { component, memory, realloc, post_return: None, encoding: StringEncoding::Utf8 };
        bindings.memory = memory;
        bindings.exports = lifted
            .into_iter()
            .map(|(plan, func)| ExportBinding {
                plan,
                func,
                options: CanonOptions { post_return: posts.get(&plan).copied(), ..lowered },
            })
            .collect();
        let dtors = Arc::new(Dtors { host: self.dtors.clone(), guest: guest_dtors });

        // Every import, in order, becomes a host function in the store.
        let mut imports: Vec<(&str, &str, CoreItem)> = Vec::new();
        let mut defined: HashMap<(&str, &str), CoreItem> = HashMap::new();
        let mut missing = Vec::new();
        for import in &iface.imports {
            let Extern::Func(sig) = &import.ty else {
                missing.push(format!("import {:?} {:?} ({})", import.module, import.name, import.ty.describe()));
                continue;
            };
            if defined.contains_key(&(import.module.as_str(), import.name.as_str())) {
                continue;
            }
            let call = match resolve_import(target, &import.module, &import.name) {
                Some(item) => match (item.kind, &item.origin) {
                    (ItemKind::Func, Origin::Func { interface, func }) => {
                        let plan =
                            world.func_by_origin(Direction::Import, interface, func).expect("every import has a plan");
                        match self.funcs.get(&plan) {
                            Some(make) => {
                                let item = store.host_func_made(make(engine, sig, world.clone(), plan, lowered));
                                defined.insert((import.module.as_str(), import.name.as_str()), item);
                                imports.push((import.module.as_str(), import.name.as_str(), item));
                                continue;
                            }
                            None if self.allow_unknown_imports => unknown_import(world.func(plan).wit.clone()),
                            None => {
                                missing.push(format!(
                                    "{} (import {:?} {:?})",
                                    world.func(plan).wit,
                                    import.module,
                                    import.name
                                ));
                                continue;
                            }
                        }
                    }
                    (kind, Origin::Resource { resource, .. }) => {
                        let exported = import.module.contains("_ex_") || import.module.starts_with("[export]");
                        let side = if exported { Side::Guest } else { Side::Host };
                        let r = world.resource(*resource, side).expect("every resource has a type");
                        let dtor = match side {
                            Side::Host => self.dtors.get(&r).cloned().map(Dtor::Host),
                            Side::Guest => dtors.guest.get(&r).map(|(f, _)| Dtor::Guest(*f)),
                        };
                        intrinsic_trampoline(&world.types, dtor, kind, r, component)
                    }
                    _ => unreachable!("imports are functions and resource intrinsics"),
                },
                None if self.allow_unknown_imports => unknown_import(format!("{}::{}", import.module, import.name)),
                None => {
                    missing.push(format!(
                        "import {:?} {:?}: not part of world `{}`",
                        import.module,
                        import.name,
                        world.name()
                    ));
                    continue;
                }
            };
            let item = store.host_func(sig, call);
            defined.insert((import.module.as_str(), import.name.as_str()), item);
            imports.push((import.module.as_str(), import.name.as_str(), item));
        }
        if !missing.is_empty() {
            return Err(LinkError::MissingImports { importer: "module", missing, provided: self.provided() });
        }
        let instance = store.instantiate(module, &imports)?;
        let export = |store: &mut Plan<T, E>, name: &str| {
            store.export(instance, name).ok_or_else(|| LinkError::Module(format!("the module has no export `{name}`")))
        };
        for (name, slot) in &func_exports {
            let item = export(&mut store, name)?;
            store.set_func(*slot, item);
        }
        if let Some((name, slot)) = &memory_export {
            let item = export(&mut store, name)?;
            store.set_memory(*slot, item);
        }
        let shared = Arc::new(Shared { world: world.clone(), dtors, bindings });
        Ok(store.finish(shared, self.limits, self.record_realloc).with_initialize(true))
    }
}

/// Runs `background` on a thread of its own while `here` runs on this one, and returns both
/// results (`None` if `background` panicked). Without a thread to be had, one after the other.
pub(crate) fn side_by_side<B: Send, H>(
    background: impl Fn() -> B + Send + Sync,
    here: impl FnOnce() -> H,
) -> (H, Option<B>) {
    std::thread::scope(|scope| match std::thread::Builder::new().spawn_scoped(scope, &background) {
        Ok(thread) => (here(), thread.join().ok()),
        Err(_) => (here(), Some(background())),
    })
}
