//! The wasmtime adapter (core API only: `Engine`, `Module`, `Store`, `Instance`, `Memory`,
//! `Func`), behind the `wasmtime` feature: cm32's fast backend.

use std::fmt;
use std::sync::{Arc, Mutex};

use cm32_abi::{CoreSig, CoreType};
use wasmtime::{
    AsContextMut, Caller, Extern, Func, FuncType, Instance, Memory, Module, Store, TypedFunc, Val, ValType,
};

use crate::engine::{
    CoreInstance, CoreItem, CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCall, InstantiateError,
};
use crate::trap::{Trap, TrapClass};

/// wasmtime, compiling with Cranelift.
///
/// The last module compiled is kept (clones share it): instantiating the same bytes again, as a
/// host that restarts a poisoned instance or a test that runs many cases does, skips Cranelift.
#[derive(Clone, Default)]
pub struct WasmtimeEngine {
    engine: wasmtime::Engine,
    last_compiled: Arc<Mutex<Option<CompiledModule>>>,
}

/// A module's bytes and what Cranelift made of them.
type CompiledModule = (Vec<u8>, wasmtime::Module);

impl WasmtimeEngine {
    pub fn new(engine: wasmtime::Engine) -> Self {
        WasmtimeEngine { engine, last_compiled: Arc::default() }
    }

    fn compile_cached(&self, wasm: &[u8]) -> Result<wasmtime::Module, InstantiateError> {
        // A poisoned lock only means another thread panicked mid-compile; the cache is then
        // simply not used.
        if let Ok(last) = self.last_compiled.lock()
            && let Some((bytes, module)) = last.as_ref()
            && bytes.as_slice() == wasm
        {
            return Ok(module.clone());
        }
        let module =
            wasmtime::Module::new(&self.engine, wasm).map_err(|e| InstantiateError::Module(format!("{e:#}")))?;
        if let Ok(mut last) = self.last_compiled.lock() {
            *last = Some((wasm.to_vec(), module.clone()));
        }
        Ok(module)
    }
}

/// A wasmtime store with the ABI's state.
pub struct WasmtimeStore<D: 'static> {
    store: Store<StoreData<D>>,
    /// The functions of the ABI layer's slots, for calls from the host, which borrow them next
    /// to the store (the store's data holds them too, for calls from inside a host function).
    funcs: Vec<Option<GuestExport>>,
}

/// Carries a [`Trap`] through wasmtime, from a host function back to the call that entered the
/// guest.
#[derive(Debug)]
struct TrapError(Trap);

impl fmt::Display for TrapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for TrapError {}

fn val_type(ty: CoreType) -> ValType {
    match ty {
        CoreType::I32 => ValType::I32,
        CoreType::I64 => ValType::I64,
        CoreType::F32 => ValType::F32,
        CoreType::F64 => ValType::F64,
    }
}

fn to_core(v: &Val) -> CoreVal {
    match v {
        Val::I32(v) => CoreVal::I32(*v),
        Val::I64(v) => CoreVal::I64(*v),
        Val::F32(bits) => CoreVal::F32(*bits),
        Val::F64(bits) => CoreVal::F64(*bits),
        // The target's signatures never use other types; the checker refuses modules that do.
        _ => CoreVal::I32(0),
    }
}

fn to_engine_val(v: CoreVal) -> Val {
    match v {
        CoreVal::I32(v) => Val::I32(v),
        CoreVal::I64(v) => Val::I64(v),
        CoreVal::F32(bits) => Val::F32(bits),
        CoreVal::F64(bits) => Val::F64(bits),
    }
}

/// A host `Trap` comes back as itself; a guest trap keeps wasmtime's message and backtrace.
fn to_trap(error: wasmtime::Error) -> Trap {
    if let Some(TrapError(trap)) = error.downcast_ref::<TrapError>() {
        return trap.clone();
    }
    let backtrace = error.downcast_ref::<wasmtime::WasmBacktrace>().map(|bt| bt.to_string());
    let message = match error.downcast_ref::<wasmtime::Trap>() {
        Some(code) => code.to_string(),
        None => format!("{error:#}"),
    };
    let trap = Trap::new(TrapClass::Guest, message);
    match backtrace {
        Some(bt) => trap.with_backtrace(bt),
        None => trap,
    }
}

const MAX_CORE_VALUES: usize = 17;

fn call_func<T: 'static>(
    func: Func,
    mut ctx: impl wasmtime::AsContextMut<Data = T>,
    args: &[CoreVal],
    results: &mut [CoreVal],
) -> Result<(), Trap> {
    let mut wt_args = [Val::I32(0); MAX_CORE_VALUES];
    let mut wt_results = [Val::I32(0); MAX_CORE_VALUES];
    for (slot, v) in wt_args.iter_mut().zip(args) {
        *slot = to_engine_val(*v);
    }
    for (slot, v) in wt_results.iter_mut().zip(results.iter()) {
        *slot = to_engine_val(*v);
    }
    func.call(&mut ctx, &wt_args[..args.len()], &mut wt_results[..results.len()]).map_err(to_trap)?;
    for (slot, v) in results.iter_mut().zip(&wt_results) {
        *slot = to_core(v);
    }
    Ok(())
}

typed_fast_paths!(store = WasmtimeStore, error = wasmtime::Error, host_error = |t| wasmtime::Error::new(TrapError(t)));

/// The fast path for an export, by its core type.
fn guest_export<T>(func: Func, store: &Store<T>) -> GuestExport {
    let ty = func.ty(store);
    let all_i32 = ty.params().chain(ty.results()).all(|t| matches!(t, ValType::I32));
    GuestExport::with_shape(func, store, (ty.params().len(), ty.results().len(), all_i32))
}

impl Engine for WasmtimeEngine {
    type Module = Module;
    type Store<D: Send + 'static> = WasmtimeStore<D>;

    fn compile(&self, wasm: &[u8]) -> Result<Module, InstantiateError> {
        self.compile_cached(wasm)
    }

    fn new_store<D: Send + 'static>(&self, data: D) -> WasmtimeStore<D> {
        WasmtimeStore { store: Store::new(&self.engine, StoreData::new(data)), funcs: Vec::new() }
    }
}

/// A host function of any core signature, through the engine's dynamically typed values.
fn dynamic_host_func<D: Send + 'static>(store: &mut Store<StoreData<D>>, sig: &CoreSig, call: HostCall<D>) -> Func {
    let ty = FuncType::new(
        store.engine(),
        sig.params.iter().copied().map(val_type),
        sig.results.iter().copied().map(val_type),
    );
    Func::new(&mut *store, ty, move |mut caller: Caller<'_, StoreData<D>>, params, results| {
        run_dynamic(&call, &mut caller, params, results)
    })
}
