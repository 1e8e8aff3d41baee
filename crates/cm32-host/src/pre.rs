//! Compile once, instantiate many: an [`InstancePre`] is a module or component checked, linked
//! and compiled, with the store operations that instantiate it written down as a plan. Each
//! instantiation replays the plan into a new store; nothing is parsed, checked, looked up by
//! name or compiled again.
//!
//! The link step (`linker.rs` for a core module, `component.rs` for a component) never touches a
//! store: it works on a [`Plan`], which numbers what each operation will make exactly as the
//! store will (items, instances, function and memory slots, component instances, all in order),
//! so the numbers it hands out are the numbers the replay gets.

use std::collections::HashSet;
use std::sync::Arc;

use cm32_abi::CoreSig;

use crate::abi::{CanonOptions, ComponentIdx, State};
use crate::engine::{
    CoreInstance, CoreItem, CoreMemory, Engine, GuestCx, GuestFunc, HostCall, InstantiateError, Store,
};
use crate::instance::{Instance, Shared, run_start};
use crate::limits::Limits;
use crate::linker::LinkError;
use crate::world::FuncIdx;

/// One store operation of an instantiation.
enum Step<T: Send + 'static, E: Engine> {
    HostFunc(E::HostFunc<State<T>>),
    /// Instantiates compiled module `module` with its imports in the engine's order.
    Instantiate {
        module: usize,
        imports: Vec<CoreItem>,
    },
    Export {
        instance: CoreInstance,
        name: String,
    },
    ReserveFunc,
    SetFunc(GuestFunc, CoreItem),
    ReserveMemory,
    SetMemory(CoreMemory, CoreItem),
    AddComponent,
    /// A component's start function, where its definition stands.
    Start {
        plan: FuncIdx,
        func: GuestFunc,
        options: CanonOptions,
        name: String,
    },
}

/// The plan of an instantiation being linked: the steps so far, and the numbers the store will
/// give what they make.
pub(crate) struct Plan<T: Send + 'static, E: Engine> {
    engine: E,
    steps: Vec<Step<T, E>>,
    modules: Vec<E::Module>,
    /// The export names of each core instance, to refuse a missing export at link time.
    instance_exports: Vec<Arc<HashSet<String>>>,
    module_exports: Vec<Arc<HashSet<String>>>,
    /// The imports of each module in the engine's order.
    module_imports: Vec<Vec<(String, String)>>,
    items: u32,
    funcs: u32,
    memories: u32,
    components: u32,
}

impl<T: Send + 'static, E: Engine> Plan<T, E> {
    /// A plan for a store that starts with one component instance (the root).
    pub(crate) fn new(engine: &E) -> Self {
        Plan {
            engine: engine.clone(),
            steps: Vec::new(),
            modules: Vec::new(),
            instance_exports: Vec::new(),
            module_exports: Vec::new(),
            module_imports: Vec::new(),
            items: 0,
            funcs: 0,
            memories: 0,
            components: 1,
        }
    }

    fn item(&mut self) -> CoreItem {
        self.items += 1;
        CoreItem(self.items - 1)
    }

    /// A compiled module, with the names it exports, to instantiate any number of times.
    pub(crate) fn add_module(&mut self, module: E::Module, wasm: &[u8]) -> Result<usize, LinkError> {
        let mut exports = HashSet::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            if let wasmparser::Payload::ExportSection(section) =
                payload.map_err(|e| LinkError::Module(e.to_string()))?
            {
                for export in section {
                    exports.insert(export.map_err(|e| LinkError::Module(e.to_string()))?.name.to_string());
                }
            }
        }
        self.module_imports.push(self.engine.imports(&module));
        self.modules.push(module);
        self.module_exports.push(Arc::new(exports));
        Ok(self.modules.len() - 1)
    }

    pub(crate) fn host_func(&mut self, sig: &CoreSig, call: HostCall<State<T>>) -> CoreItem {
        let func = self.engine.host_func(sig, call);
        self.host_func_made(func)
    }

    /// A host function the engine made already (statically bound, by the linker's maker).
    pub(crate) fn host_func_made(&mut self, func: E::HostFunc<State<T>>) -> CoreItem {
        self.steps.push(Step::HostFunc(func));
        self.item()
    }

    /// Instantiates module `module` (from [`Plan::add_module`]), each import `(module, name)`
    /// satisfied by the item `imports` pairs with it.
    pub(crate) fn instantiate(
        &mut self,
        module: usize,
        imports: &[(&str, &str, CoreItem)],
    ) -> Result<CoreInstance, LinkError> {
        let imports = self.module_imports[module]
            .iter()
            .map(|(m, n)| {
                imports.iter().find(|(im, iname, _)| im == m && iname == n).map(|(_, _, item)| *item).ok_or_else(|| {
                    LinkError::Instantiate(InstantiateError::Module(format!(
                        "nothing satisfies the import {m:?} {n:?}"
                    )))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.steps.push(Step::Instantiate { module, imports });
        self.instance_exports.push(self.module_exports[module].clone());
        Ok(CoreInstance(self.instance_exports.len() as u32 - 1))
    }

    pub(crate) fn export(&mut self, instance: CoreInstance, name: &str) -> Option<CoreItem> {
        if !self.instance_exports.get(instance.0 as usize)?.contains(name) {
            return None;
        }
        self.steps.push(Step::Export { instance, name: name.to_string() });
        Some(self.item())
    }

    pub(crate) fn reserve_func(&mut self) -> GuestFunc {
        self.steps.push(Step::ReserveFunc);
        self.funcs += 1;
        GuestFunc(self.funcs - 1)
    }

    pub(crate) fn set_func(&mut self, slot: GuestFunc, item: CoreItem) {
        self.steps.push(Step::SetFunc(slot, item));
    }

    pub(crate) fn reserve_memory(&mut self) -> CoreMemory {
        self.steps.push(Step::ReserveMemory);
        self.memories += 1;
        CoreMemory(self.memories - 1)
    }

    pub(crate) fn set_memory(&mut self, slot: CoreMemory, item: CoreItem) {
        self.steps.push(Step::SetMemory(slot, item));
    }

    pub(crate) fn add_component(&mut self) -> ComponentIdx {
        self.steps.push(Step::AddComponent);
        self.components += 1;
        ComponentIdx(self.components - 1)
    }

    pub(crate) fn start(&mut self, plan: FuncIdx, func: GuestFunc, options: CanonOptions, name: String) {
        self.steps.push(Step::Start { plan, func, options, name });
    }

    /// The finished plan, with what every instance shares.
    pub(crate) fn finish(self, shared: Arc<Shared<T>>, limits: Limits, record_realloc: bool) -> InstancePre<T, E> {
        InstancePre {
            engine: self.engine,
            steps: Arc::new(self.steps),
            modules: Arc::new(self.modules),
            shared,
            limits,
            record_realloc,
            initialize: false,
        }
    }
}

/// A module or component checked, linked against a linker's host functions and compiled, ready
/// to instantiate any number of times (each instance in a store of its own).
pub struct InstancePre<T: Send + 'static, E: Engine> {
    engine: E,
    steps: Arc<Vec<Step<T, E>>>,
    modules: Arc<Vec<E::Module>>,
    shared: Arc<Shared<T>>,
    limits: Limits,
    record_realloc: bool,
    /// Whether to call the module's `initialize` export once it is instantiated.
    initialize: bool,
}

impl<T: Send + 'static, E: Engine> Clone for InstancePre<T, E> {
    fn clone(&self) -> Self {
        InstancePre {
            engine: self.engine.clone(),
            steps: self.steps.clone(),
            modules: self.modules.clone(),
            shared: self.shared.clone(),
            limits: self.limits,
            record_realloc: self.record_realloc,
            initialize: self.initialize,
        }
    }
}

impl<T: Send + 'static, E: Engine> InstancePre<T, E> {
    pub(crate) fn with_initialize(mut self, initialize: bool) -> Self {
        self.initialize = initialize;
        self
    }

    /// A new instance in a store of its own, holding `data`, with the linker's limits (as they
    /// were when this was made). Core `start` functions, component start functions and the
    /// module's `initialize` run, in that order.
    pub fn instantiate(&self, data: T) -> Result<Instance<T, E>, LinkError> {
        let state = State::new(data, 1, self.record_realloc, self.limits.max_handles);
        let mut store = self.engine.new_store(state);
        store.set_limits(&self.limits)?;
        let world = &self.shared.world;
        for step in self.steps.iter() {
            match step {
                Step::HostFunc(func) => {
                    store.host_func(func);
                }
                Step::Instantiate { module, imports } => {
                    store.instantiate(&self.modules[*module], imports)?;
                }
                Step::Export { instance, name } => {
                    store.export(*instance, name).ok_or_else(|| {
                        LinkError::Module(format!("core instance {} has no export `{name}`", instance.0))
                    })?;
                }
                Step::ReserveFunc => {
                    store.reserve_func();
                }
                Step::SetFunc(slot, item) => store.set_func(*slot, *item)?,
                Step::ReserveMemory => {
                    store.reserve_memory();
                }
                Step::SetMemory(slot, item) => store.set_memory(*slot, *item)?,
                Step::AddComponent => {
                    store.data().add_component();
                }
                Step::Start { plan, func, options, name } => {
                    run_start(&mut store, world.func(*plan), world.types(), *func, options)
                        .map_err(|t| LinkError::Instantiate(InstantiateError::Trap(t.in_func(name))))?;
                }
            }
        }
        let mut instance = Instance::new(store, self.shared.clone());
        if self.initialize {
            instance.initialize().map_err(|t| LinkError::Instantiate(InstantiateError::Trap(t)))?;
        }
        Ok(instance)
    }

    /// The engine it was compiled for.
    pub fn engine(&self) -> &E {
        &self.engine
    }
}

impl<T: Send + 'static, E: Engine> crate::instance::ExportLookup for InstancePre<T, E> {
    fn typed_export<P: crate::typed::LowerParams, R: crate::typed::Lift + crate::typed::ResultType>(
        &self,
        name: &str,
    ) -> Result<crate::instance::ExportFunc, crate::instance::CallError> {
        self.shared.typed_export::<P, R>(name)
    }
}
