//! A core engine written in C, behind a table of functions: cm32's engine adapter for it.
//!
//! The C engine compiles modules, makes stores, instantiates a module with one item per import,
//! finds exports, calls functions by number and lends a memory's bytes. cm32 gives it, for each
//! import that the host provides, a `cm32_host_func` to call from the engine's own host function
//! with the guest's core arguments ([`cm32_host_func_call`]): lifting, the host's code, lowering
//! and every check happen there.
//!
//! Core values cross as 64-bit slots: an `i32` or `f32` in the low 32 bits (the `f32` as its
//! bits), an `i64` or `f64` in all 64 (the `f64` as its bits), so that no call allocates and NaN
//! payloads survive.
//!
//! The caller context. Each `call` and `instantiate` cm32 asks of the engine carries a
//! `cm32_caller`; while it runs, a host function the guest calls must hand that same pointer to
//! `cm32_host_func_call` (an engine keeps the innermost one, as calls nest when a host function
//! calls the guest's `realloc`).

use std::ffi::c_void;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use cm32_abi::{CoreSig, CoreType};
use cm32_host::engine::{
    CoreInstance, CoreItem, CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCallFn, InstantiateError, Store,
};
use cm32_host::{EngineOptions, Limits, Trap, TrapClass};

use crate::error::{cm32_error, guard};

/// The kind of an item a core instance exports or imports.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cm32_extern_kind {
    CM32_EXTERN_FUNC,
    CM32_EXTERN_MEMORY,
    CM32_EXTERN_TABLE,
    CM32_EXTERN_GLOBAL,
}

/// An item of a store, as the C engine numbers them (its own numbering; cm32 only passes it back).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct cm32_extern {
    pub kind: cm32_extern_kind,
    pub index: u32,
}

/// A core value type.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cm32_core_type {
    CM32_I32,
    CM32_I64,
    CM32_F32,
    CM32_F64,
}

fn core_type(ty: CoreType) -> cm32_core_type {
    match ty {
        CoreType::I32 => cm32_core_type::CM32_I32,
        CoreType::I64 => cm32_core_type::CM32_I64,
        CoreType::F32 => cm32_core_type::CM32_F32,
        CoreType::F64 => cm32_core_type::CM32_F64,
    }
}

/// A host function cm32 made for one import; the engine calls it with
/// [`cm32_host_func_call`]. It lives as long as the store it was given to.
#[repr(C)]
pub struct cm32_host_func {
    invoke: Invoke,
}

/// The context of a call in progress (see the module's documentation): opaque.
pub struct cm32_caller {
    _private: [u8; 0],
}

/// One import of a module being instantiated, in the order the module's import section lists
/// them.
#[repr(C)]
pub struct cm32_import {
    /// The import's module and name, as the binary spells them (UTF-8, not NUL-terminated), for
    /// engines that link imports by name.
    pub module: *const u8,
    pub module_len: usize,
    pub name: *const u8,
    pub name_len: usize,
    /// For an import the host provides: the function to call (the engine makes a host function
    /// of the type below that calls it). NULL otherwise.
    pub host_func: *const cm32_host_func,
    /// For an import another instance of the same store provides: the item it exported (what
    /// the engine's `find_export` gave). Unused when `host_func` is set.
    pub item: cm32_extern,
    /// The host function's core type.
    pub params: *const cm32_core_type,
    pub nparams: usize,
    pub results: *const cm32_core_type,
    pub nresults: usize,
}

/// What a C engine provides. `env` is the engine's own pointer, passed to every function. Every
/// function must be set. None may unwind or longjmp through cm32.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct cm32_engine_vtable {
    /// Compiles (or parses and keeps) `len` bytes of a core module; on success writes the
    /// engine's module to `*module` and returns NULL, else returns an error
    /// (`cm32_error_new`). A module may be instantiated any number of times, in any store.
    pub compile: Option<
        unsafe extern "C" fn(
            env: *mut c_void,
            wasm: *const u8,
            len: usize,
            module: *mut *mut c_void,
        ) -> *mut cm32_error,
    >,
    /// Frees a module, once no store instantiates it any more.
    pub module_delete: Option<unsafe extern "C" fn(env: *mut c_void, module: *mut c_void)>,
    /// A new, empty store (NULL if it cannot make one).
    pub store_new: Option<unsafe extern "C" fn(env: *mut c_void) -> *mut c_void>,
    /// Frees a store and everything in it.
    pub store_delete: Option<unsafe extern "C" fn(env: *mut c_void, store: *mut c_void)>,
    /// Instantiates `module` in `store` with `nimports` imports (one per import of the module,
    /// in its order) and runs its `start` function; writes the instance's number to
    /// `*instance`. A trap in `start` is an error of class `CM32_TRAP_GUEST` (`cm32_trap_new`),
    /// or the error a host function returned; a failure to link is an error that is not a trap.
    pub instantiate: Option<
        unsafe extern "C" fn(
            env: *mut c_void,
            store: *mut c_void,
            module: *mut c_void,
            imports: *const cm32_import,
            nimports: usize,
            caller: *mut cm32_caller,
            instance: *mut u32,
        ) -> *mut cm32_error,
    >,
    /// Finds the export `name` (`len` bytes of UTF-8, not NUL-terminated) of `instance`; writes
    /// it to `*item` and returns true, or returns false if there is none.
    pub find_export: Option<
        unsafe extern "C" fn(
            env: *mut c_void,
            store: *mut c_void,
            instance: u32,
            name: *const u8,
            len: usize,
            item: *mut cm32_extern,
        ) -> bool,
    >,
    /// Calls the function `func` (an item of kind `CM32_EXTERN_FUNC`) with `nargs` arguments;
    /// writes `nresults` results. The types are right by construction. A trap is an error: the
    /// engine's own as `CM32_TRAP_GUEST`, a host function's as the very error it returned.
    pub call: Option<
        unsafe extern "C" fn(
            env: *mut c_void,
            store: *mut c_void,
            func: u32,
            args: *const u64,
            nargs: usize,
            results: *mut u64,
            nresults: usize,
            caller: *mut cm32_caller,
        ) -> *mut cm32_error,
    >,
    /// The bytes of the memory `memory` (an item of kind `CM32_EXTERN_MEMORY`) now: writes its
    /// length to `*len` and returns its base (NULL if it has none). The base may move when the
    /// memory grows; cm32 asks again after every call into the guest.
    pub memory:
        Option<unsafe extern "C" fn(env: *mut c_void, store: *mut c_void, memory: u32, len: *mut usize) -> *mut u8>,
}

/// The functions of a vtable, every one checked to be set.
#[derive(Clone, Copy)]
struct Vtable {
    compile: unsafe extern "C" fn(*mut c_void, *const u8, usize, *mut *mut c_void) -> *mut cm32_error,
    module_delete: unsafe extern "C" fn(*mut c_void, *mut c_void),
    store_new: unsafe extern "C" fn(*mut c_void) -> *mut c_void,
    store_delete: unsafe extern "C" fn(*mut c_void, *mut c_void),
    instantiate: unsafe extern "C" fn(
        *mut c_void,
        *mut c_void,
        *mut c_void,
        *const cm32_import,
        usize,
        *mut cm32_caller,
        *mut u32,
    ) -> *mut cm32_error,
    find_export: unsafe extern "C" fn(*mut c_void, *mut c_void, u32, *const u8, usize, *mut cm32_extern) -> bool,
    call: unsafe extern "C" fn(
        *mut c_void,
        *mut c_void,
        u32,
        *const u64,
        usize,
        *mut u64,
        usize,
        *mut cm32_caller,
    ) -> *mut cm32_error,
    memory: unsafe extern "C" fn(*mut c_void, *mut c_void, u32, *mut usize) -> *mut u8,
}

impl Vtable {
    fn checked(table: &cm32_engine_vtable) -> Result<Vtable, String> {
        let missing = |name: &str| format!("the engine's vtable has no `{name}` function (it is NULL)");
        Ok(Vtable {
            compile: table.compile.ok_or_else(|| missing("compile"))?,
            module_delete: table.module_delete.ok_or_else(|| missing("module_delete"))?,
            store_new: table.store_new.ok_or_else(|| missing("store_new"))?,
            store_delete: table.store_delete.ok_or_else(|| missing("store_delete"))?,
            instantiate: table.instantiate.ok_or_else(|| missing("instantiate"))?,
            find_export: table.find_export.ok_or_else(|| missing("find_export"))?,
            call: table.call.ok_or_else(|| missing("call"))?,
            memory: table.memory.ok_or_else(|| missing("memory"))?,
        })
    }
}

struct EngineInner {
    vtable: Vtable,
    env: *mut c_void,
    env_delete: Option<unsafe extern "C" fn(*mut c_void)>,
}

// The C API's contract (in the header): an engine, its modules and its stores are used from one
// thread at a time, which is what cm32 needs of Send and Sync here.
unsafe impl Send for EngineInner {}
unsafe impl Sync for EngineInner {}

impl Drop for EngineInner {
    fn drop(&mut self) {
        if let Some(delete) = self.env_delete {
            unsafe { delete(self.env) }
        }
    }
}

/// A C engine, as cm32's engine adapters are: cheap to clone. From Rust, it is an
/// [`Engine`] like any other ([`crate::wasm3_engine`] makes one of wasm3).
#[derive(Clone)]
pub struct CEngine {
    inner: Arc<EngineInner>,
}

impl CEngine {
    pub(crate) fn new(
        vtable: &cm32_engine_vtable,
        env: *mut c_void,
        env_delete: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> Result<CEngine, String> {
        let vtable = Vtable::checked(vtable)?;
        Ok(CEngine { inner: Arc::new(EngineInner { vtable, env, env_delete }) })
    }
}

struct ModuleInner {
    engine: Arc<EngineInner>,
    raw: *mut c_void,
    imports: Vec<(String, String)>,
}

unsafe impl Send for ModuleInner {}
unsafe impl Sync for ModuleInner {}

impl Drop for ModuleInner {
    fn drop(&mut self) {
        unsafe { (self.engine.vtable.module_delete)(self.engine.env, self.raw) }
    }
}

/// A module the C engine compiled, and its imports as the binary lists them (the C engine's
/// `Engine::Module`).
#[derive(Clone)]
pub struct CModule {
    inner: Arc<ModuleInner>,
}

/// Any host call, its type erased where the store keeps it.
pub trait AnyCall: Send + Sync {}
impl<T: Send + Sync> AnyCall for T {}

/// A host function as the store keeps it, whatever its call.
pub type ErasedHostFunc<D> = CHostFunc<D, dyn AnyCall>;

/// A host function made once per linker: the header C sees, the core type, and the host's call
/// `C`. Made with `C` the ABI layer's trampoline, whose type `header.invoke` was instantiated
/// for, and kept with `C` erased.
#[repr(C)]
pub struct CHostFunc<D: 'static, C: ?Sized + AnyCall> {
    /// First, so that a pointer to it is a pointer to the whole.
    header: cm32_host_func,
    sig: CoreSig,
    param_types: Vec<cm32_core_type>,
    result_types: Vec<cm32_core_type>,
    _store: PhantomData<fn(&mut CStore<D>)>,
    /// Last, so that it can be unsized.
    call: C,
}

/// The most core values that cross in one call: 16 flat parameters and a return pointer.
const MAX_CORE_VALUES: usize = 17;

fn from_slot(slot: u64, ty: CoreType) -> CoreVal {
    match ty {
        CoreType::I32 => CoreVal::I32(slot as u32 as i32),
        CoreType::I64 => CoreVal::I64(slot as i64),
        CoreType::F32 => CoreVal::F32(slot as u32),
        CoreType::F64 => CoreVal::F64(slot),
    }
}

fn to_slot(value: CoreVal) -> u64 {
    match value {
        CoreVal::I32(v) => v as u32 as u64,
        CoreVal::I64(v) => v as u64,
        CoreVal::F32(bits) => bits as u64,
        CoreVal::F64(bits) => bits,
    }
}

/// What `cm32_host_func_call` jumps to.
type Invoke = unsafe fn(*const cm32_host_func, *mut cm32_caller, *const u64, *mut u64) -> *mut cm32_error;

/// The instance of [`invoke`] for a host call of type `C` and core type `sig`, chosen once: the
/// common shapes (up to 4 parameters, at most one result) get arrays of their own size, and
/// all-`i32` ones convert slots without looking at types.
fn pick_invoke<D: Send + 'static, C: HostCallFn<D>>(sig: &CoreSig) -> Invoke {
    let all_i32 = sig.params.iter().chain(&sig.results).all(|t| *t == CoreType::I32);
    macro_rules! shapes {
        ($($p:literal, $r:literal);*) => {
            match (all_i32, sig.params.len(), sig.results.len()) {
                $((true, $p, $r) => invoke::<D, C, $p, $r, true>,
                  (false, $p, $r) => invoke::<D, C, $p, $r, false>,)*
                _ => invoke::<D, C, MAX_CORE_VALUES, MAX_CORE_VALUES, false>,
            }
        };
    }
    shapes!(0, 0; 0, 1; 1, 0; 1, 1; 2, 0; 2, 1; 3, 0; 3, 1; 4, 0; 4, 1)
}

/// Calls a host function from the engine's side: `caller` is the context of the call in
/// progress. One instance per host call type and shape, so that the call into the ABI layer's
/// trampoline (and the lifting, the host's closure and the lowering it inlines) is static. `P`
/// and `R` are at least the function's numbers of parameters and results; `I32` says they are
/// all `i32`.
///
/// # Safety
/// `func` is a `CHostFunc<D, C>` made for a store whose caller `caller` is; `args` and
/// `results` hold as many slots as its type has parameters and results.
unsafe fn invoke<D: Send + 'static, C: HostCallFn<D>, const P: usize, const R: usize, const I32: bool>(
    func: *const cm32_host_func,
    caller: *mut cm32_caller,
    args: *const u64,
    results: *mut u64,
) -> *mut cm32_error {
    let func = unsafe { &*(func as *const CHostFunc<D, C>) };
    let store = unsafe { &mut *(caller as *mut CStore<D>) };
    let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (params, result_types) = (&func.sig.params[..], &func.sig.results[..]);
        let (nargs, nresults) = (params.len().min(P), result_types.len().min(R));
        let mut core_args = [CoreVal::I32(0); P];
        for (i, (value, ty)) in core_args[..nargs].iter_mut().zip(params).enumerate() {
            let slot = unsafe { *args.add(i) };
            *value = if I32 { CoreVal::I32(slot as u32 as i32) } else { from_slot(slot, *ty) };
        }
        let mut core_results = [CoreVal::I32(0); R];
        if !I32 {
            for (value, ty) in core_results.iter_mut().zip(result_types) {
                *value = CoreVal::zero(*ty);
            }
        }
        func.call.call(store, &core_args[..nargs], &mut core_results[..nresults])?;
        for (i, value) in core_results[..nresults].iter().enumerate() {
            unsafe { *results.add(i) = to_slot(*value) };
        }
        Ok::<(), Trap>(())
    }));
    match called {
        Ok(Ok(())) => std::ptr::null_mut(),
        Ok(Err(trap)) => Box::into_raw(cm32_error::trap(trap)),
        Err(_) => Box::into_raw(cm32_error::trap(Trap::new(TrapClass::Host, "a host function panicked"))),
    }
}

/// Calls the host function `func` that cm32 gave the engine for an import, with the guest's
/// core arguments (as many as its type has parameters) in `args`; on success writes its
/// results to `results` and returns NULL. On a trap it returns the error: the engine must then
/// stop the guest (trap) and return this very error from the `call` or `instantiate` that
/// entered the guest.
///
/// # Safety
/// `func` is a host function of a live store, `caller` the context of the call in progress in
/// that store, `args` and `results` as long as its type needs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cm32_host_func_call(
    func: *const cm32_host_func,
    caller: *mut cm32_caller,
    args: *const u64,
    results: *mut u64,
) -> *mut cm32_error {
    if func.is_null() || caller.is_null() {
        return Box::into_raw(cm32_error::trap(Trap::new(
            TrapClass::Host,
            "cm32_host_func_call: the function or the caller is NULL",
        )));
    }
    unsafe { ((*func).invoke)(func, caller, args, results) }
}

/// What an item of a [`CStore`] is.
#[derive(Clone)]
enum Item<D: 'static> {
    Host(Arc<ErasedHostFunc<D>>),
    Engine(cm32_extern),
}

/// A store of the C engine, with the ABI layer's state `D`.
pub struct CStore<D: 'static> {
    engine: Arc<EngineInner>,
    raw: *mut c_void,
    data: D,
    items: Vec<Item<D>>,
    funcs: Vec<Option<u32>>,
    memories: Vec<Option<u32>>,
    /// The modules instantiated here, which must outlive the store's instances.
    modules: Vec<CModule>,
}

unsafe impl<D: Send> Send for CStore<D> {}

impl<D> Drop for CStore<D> {
    fn drop(&mut self) {
        if !self.raw.is_null() {
            unsafe { (self.engine.vtable.store_delete)(self.engine.env, self.raw) }
        }
    }
}

impl<D: Send + 'static> CStore<D> {
    fn push(&mut self, item: Item<D>) -> CoreItem {
        self.items.push(item);
        CoreItem(self.items.len() as u32 - 1)
    }

    fn caller(&mut self) -> *mut cm32_caller {
        self as *mut CStore<D> as *mut cm32_caller
    }

    fn no_store(&self) -> Result<(), InstantiateError> {
        if self.raw.is_null() {
            return Err(InstantiateError::Module("the engine could not make a store (store_new gave NULL)".into()));
        }
        Ok(())
    }
}

impl<D: Send + 'static> GuestCx<D> for CStore<D> {
    fn data(&mut self) -> &mut D {
        &mut self.data
    }

    fn memory_and_data(&mut self, memory: CoreMemory) -> (Option<&mut [u8]>, &mut D) {
        let Some(Some(index)) = self.memories.get(memory.0 as usize).copied() else { return (None, &mut self.data) };
        let mut len = 0usize;
        let base = unsafe { (self.engine.vtable.memory)(self.engine.env, self.raw, index, &mut len) };
        if base.is_null() {
            return (None, &mut self.data);
        }
        // The engine lends the bytes until the next call into the guest, which needs `&mut self`.
        let bytes = unsafe { std::slice::from_raw_parts_mut(base, len) };
        (Some(bytes), &mut self.data)
    }

    fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
        let Some(Some(index)) = self.funcs.get(func.0 as usize).copied() else {
            return Err(Trap::new(TrapClass::Guest, "a function is called before its instance exists"));
        };
        let mut arg_slots = [0u64; MAX_CORE_VALUES];
        for (slot, value) in arg_slots.iter_mut().zip(args) {
            *slot = to_slot(*value);
        }
        let mut result_slots = [0u64; MAX_CORE_VALUES];
        let (env, raw, call) = (self.engine.env, self.raw, self.engine.vtable.call);
        let caller = self.caller();
        let error = unsafe {
            call(env, raw, index, arg_slots.as_ptr(), args.len(), result_slots.as_mut_ptr(), results.len(), caller)
        };
        if !error.is_null() {
            return Err(unsafe { cm32_error::take_trap(error, TrapClass::Guest) });
        }
        for (value, slot) in results.iter_mut().zip(result_slots) {
            *value = from_slot(slot, value.ty());
        }
        Ok(())
    }

    fn as_dyn(&mut self) -> &mut dyn GuestCx<D> {
        self
    }
}

impl<D: Send + 'static> Store<D> for CStore<D> {
    type Module = CModule;
    type HostFunc = Arc<ErasedHostFunc<D>>;

    fn host_func(&mut self, func: &Arc<ErasedHostFunc<D>>) -> CoreItem {
        self.push(Item::Host(func.clone()))
    }

    fn instantiate(&mut self, module: &CModule, imports: &[CoreItem]) -> Result<CoreInstance, InstantiateError> {
        self.no_store()?;
        let names = &module.inner.imports;
        if names.len() != imports.len() {
            return Err(InstantiateError::Module(format!(
                "the module has {} imports; {} were given",
                names.len(),
                imports.len()
            )));
        }
        let mut list = Vec::with_capacity(imports.len());
        for (item, (module_name, name)) in imports.iter().zip(names) {
            let (module, module_len, name, name_len) =
                (module_name.as_ptr(), module_name.len(), name.as_ptr(), name.len());
            let import = match self.items.get(item.0 as usize) {
                Some(Item::Host(func)) => cm32_import {
                    module,
                    module_len,
                    name,
                    name_len,
                    host_func: &func.header,
                    item: cm32_extern { kind: cm32_extern_kind::CM32_EXTERN_FUNC, index: u32::MAX },
                    params: func.param_types.as_ptr(),
                    nparams: func.param_types.len(),
                    results: func.result_types.as_ptr(),
                    nresults: func.result_types.len(),
                },
                Some(Item::Engine(item)) => cm32_import {
                    module,
                    module_len,
                    name,
                    name_len,
                    host_func: std::ptr::null(),
                    item: *item,
                    params: std::ptr::null(),
                    nparams: 0,
                    results: std::ptr::null(),
                    nresults: 0,
                },
                None => return Err(InstantiateError::Module(format!("no item {} in the store", item.0))),
            };
            list.push(import);
        }
        self.modules.push(module.clone());
        let mut instance = 0u32;
        let (env, raw, instantiate) = (self.engine.env, self.raw, self.engine.vtable.instantiate);
        let caller = self.caller();
        let error =
            unsafe { instantiate(env, raw, module.inner.raw, list.as_ptr(), list.len(), caller, &mut instance) };
        if error.is_null() {
            return Ok(CoreInstance(instance));
        }
        // An error that is not a trap is a failure to link.
        match unsafe { cm32_error::take(error) } {
            Ok(trap) => Err(InstantiateError::Trap(trap)),
            Err(message) => Err(InstantiateError::Module(message)),
        }
    }

    fn export(&mut self, instance: CoreInstance, name: &str) -> Option<CoreItem> {
        let mut item = cm32_extern { kind: cm32_extern_kind::CM32_EXTERN_FUNC, index: 0 };
        let found = unsafe {
            (self.engine.vtable.find_export)(
                self.engine.env,
                self.raw,
                instance.0,
                name.as_ptr(),
                name.len(),
                &mut item,
            )
        };
        found.then(|| self.push(Item::Engine(item)))
    }

    fn reserve_func(&mut self) -> GuestFunc {
        self.funcs.push(None);
        GuestFunc(self.funcs.len() as u32 - 1)
    }

    fn set_func(&mut self, slot: GuestFunc, item: CoreItem) -> Result<(), InstantiateError> {
        match self.items.get(item.0 as usize) {
            Some(Item::Engine(cm32_extern { kind: cm32_extern_kind::CM32_EXTERN_FUNC, index })) => {
                self.funcs[slot.0 as usize] = Some(*index);
                Ok(())
            }
            Some(Item::Host(_)) => Err(InstantiateError::Module(
                "a host function where the guest's own is expected: C engines cannot call those back".into(),
            )),
            _ => Err(InstantiateError::Module("an export expected to be a function is not one".into())),
        }
    }

    fn reserve_memory(&mut self) -> CoreMemory {
        self.memories.push(None);
        CoreMemory(self.memories.len() as u32 - 1)
    }

    fn set_memory(&mut self, slot: CoreMemory, item: CoreItem) -> Result<(), InstantiateError> {
        match self.items.get(item.0 as usize) {
            Some(Item::Engine(cm32_extern { kind: cm32_extern_kind::CM32_EXTERN_MEMORY, index })) => {
                self.memories[slot.0 as usize] = Some(*index);
                Ok(())
            }
            _ => Err(InstantiateError::Module("an export expected to be a memory is not one".into())),
        }
    }

    fn set_limits(&mut self, limits: &Limits) -> Result<(), InstantiateError> {
        let engine_limits = [
            (limits.fuel.is_some(), "fuel"),
            (limits.timeout.is_some(), "timeout"),
            (limits.max_memory_size.is_some(), "max-memory-size"),
            (limits.max_table_elements.is_some(), "max-table-elements"),
        ];
        match engine_limits.iter().find(|(set, _)| *set) {
            Some((_, name)) => Err(InstantiateError::Limits(format!(
                "a C engine keeps no limits of its own: `{name}` cannot be enforced (only max-handles can)"
            ))),
            None => Ok(()),
        }
    }

    fn fuel(&mut self) -> Option<u64> {
        None
    }

    fn set_fuel(&mut self, _fuel: u64) -> Result<(), InstantiateError> {
        Err(InstantiateError::Limits("a C engine counts no fuel".into()))
    }

    fn set_timeout(&mut self, _timeout: Duration) -> Result<(), InstantiateError> {
        Err(InstantiateError::Limits("a C engine keeps no deadline".into()))
    }
}

impl Engine for CEngine {
    type Module = CModule;
    type HostFunc<D: Send + 'static> = Arc<ErasedHostFunc<D>>;
    type Store<D: Send + 'static> = CStore<D>;

    fn host_func<D: Send + 'static, C: HostCallFn<D>>(&self, sig: &CoreSig, call: C) -> Arc<ErasedHostFunc<D>> {
        let func: Arc<CHostFunc<D, C>> = Arc::new(CHostFunc {
            header: cm32_host_func { invoke: pick_invoke::<D, C>(sig) },
            sig: sig.clone(),
            param_types: sig.params.iter().copied().map(core_type).collect(),
            result_types: sig.results.iter().copied().map(core_type).collect(),
            _store: PhantomData,
            call,
        });
        func
    }

    fn compile(&self, wasm: &[u8]) -> Result<CModule, InstantiateError> {
        // The imports in the binary's order, which is the order the engine takes them in; and
        // the bytes validated before the engine sees them.
        let mut imports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            if let wasmparser::Payload::ImportSection(section) =
                payload.map_err(|e| InstantiateError::Module(e.to_string()))?
            {
                for import in section.into_imports() {
                    let import = import.map_err(|e| InstantiateError::Module(e.to_string()))?;
                    imports.push((import.module.to_string(), import.name.to_string()));
                }
            }
        }
        wasmparser::Validator::new().validate_all(wasm).map_err(|e| InstantiateError::Module(e.to_string()))?;
        let mut raw = std::ptr::null_mut();
        let error =
            guard(|| unsafe { (self.inner.vtable.compile)(self.inner.env, wasm.as_ptr(), wasm.len(), &mut raw) });
        if !error.is_null() {
            return Err(InstantiateError::Module(unsafe { cm32_error::take_message(error) }));
        }
        if raw.is_null() {
            return Err(InstantiateError::Module("the engine's compile gave no module and no error".into()));
        }
        Ok(CModule { inner: Arc::new(ModuleInner { engine: self.inner.clone(), raw, imports }) })
    }

    fn imports(&self, module: &CModule) -> Vec<(String, String)> {
        module.inner.imports.clone()
    }

    fn options(&self) -> EngineOptions {
        EngineOptions::default()
    }

    fn new_store<D: Send + 'static>(&self, data: D) -> CStore<D> {
        let raw = unsafe { (self.inner.vtable.store_new)(self.inner.env) };
        CStore {
            engine: self.inner.clone(),
            raw,
            data,
            items: Vec::new(),
            funcs: Vec::new(),
            memories: Vec::new(),
            modules: Vec::new(),
        }
    }
}
