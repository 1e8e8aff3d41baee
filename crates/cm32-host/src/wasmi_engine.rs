//! The wasmi adapter: the embedded default engine.

use std::fmt;

use cm32_abi::{CoreSig, CoreType};
use wasmi::{AsContextMut, Caller, Extern, Func, FuncType, Instance, Memory, Module, Store, TypedFunc, Val, ValType};

use crate::engine::{
    CoreInstance, CoreItem, CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCall, InstantiateError,
};
use crate::trap::{Trap, TrapClass};

/// wasmi, with its default configuration.
#[derive(Clone, Default)]
pub struct WasmiEngine {
    engine: wasmi::Engine,
}

impl WasmiEngine {
    pub fn new(engine: wasmi::Engine) -> Self {
        WasmiEngine { engine }
    }
}

/// A wasmi store with the ABI's state.
pub struct WasmiStore<D: 'static> {
    store: Store<StoreData<D>>,
    /// The functions of the ABI layer's slots, for calls from the host, which borrow them next
    /// to the store (the store's data holds them too, for calls from inside a host function).
    funcs: Vec<Option<GuestExport>>,
}

/// Carries a [`Trap`] through wasmi, from a host function back to the call that entered the guest.
#[derive(Debug)]
struct TrapError(Trap);

impl fmt::Display for TrapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl wasmi::errors::HostError for TrapError {}

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
        Val::F32(v) => CoreVal::F32(v.to_bits()),
        Val::F64(v) => CoreVal::F64(v.to_bits()),
        // The target's signatures never use other types; the checker refuses modules that do.
        _ => CoreVal::I32(0),
    }
}

fn to_engine_val(v: CoreVal) -> Val {
    match v {
        CoreVal::I32(v) => Val::I32(v),
        CoreVal::I64(v) => Val::I64(v),
        CoreVal::F32(bits) => Val::F32(wasmi::F32::from_bits(bits)),
        CoreVal::F64(bits) => Val::F64(wasmi::F64::from_bits(bits)),
    }
}

fn to_trap(error: wasmi::Error) -> Trap {
    match error.downcast_ref::<TrapError>() {
        Some(TrapError(trap)) => trap.clone(),
        None => Trap::new(TrapClass::Guest, error.to_string()),
    }
}

/// At most 16 params plus a return pointer, or one result, cross per call.
const MAX_CORE_VALUES: usize = 17;

fn call_func<T>(
    func: Func,
    mut ctx: impl wasmi::AsContextMut<Data = T>,
    args: &[CoreVal],
    results: &mut [CoreVal],
) -> Result<(), Trap> {
    let mut wasmi_args: [Val; MAX_CORE_VALUES] = std::array::from_fn(|_| Val::I32(0));
    let mut wasmi_results: [Val; MAX_CORE_VALUES] = std::array::from_fn(|_| Val::I32(0));
    for (slot, v) in wasmi_args.iter_mut().zip(args) {
        *slot = to_engine_val(*v);
    }
    for (slot, v) in wasmi_results.iter_mut().zip(results.iter()) {
        *slot = to_engine_val(*v);
    }
    func.call(&mut ctx, &wasmi_args[..args.len()], &mut wasmi_results[..results.len()]).map_err(to_trap)?;
    for (slot, v) in results.iter_mut().zip(&wasmi_results) {
        *slot = to_core(v);
    }
    Ok(())
}

typed_fast_paths!(store = WasmiStore, error = wasmi::Error, host_error = |t| wasmi::Error::host(TrapError(t)));

/// The fast path for an export, by its core type.
fn guest_export<T>(func: Func, store: &Store<T>) -> GuestExport {
    let ty = func.ty(store);
    let all_i32 = ty.params().iter().chain(ty.results()).all(|t| *t == ValType::I32);
    GuestExport::with_shape(func, store, (ty.params().len(), ty.results().len(), all_i32))
}

impl Engine for WasmiEngine {
    type Module = Module;
    type Store<D: Send + 'static> = WasmiStore<D>;

    fn compile(&self, wasm: &[u8]) -> Result<Module, InstantiateError> {
        Module::new(&self.engine, wasm).map_err(|e| InstantiateError::Module(e.to_string()))
    }

    fn new_store<D: Send + 'static>(&self, data: D) -> WasmiStore<D> {
        WasmiStore { store: Store::new(&self.engine, StoreData::new(data)), funcs: Vec::new() }
    }
}

/// A host function of any core signature, through the engine's dynamically typed values.
fn dynamic_host_func<D: Send + 'static>(store: &mut Store<StoreData<D>>, sig: &CoreSig, call: HostCall<D>) -> Func {
    let ty = FuncType::new(sig.params.iter().copied().map(val_type), sig.results.iter().copied().map(val_type));
    Func::new(&mut *store, ty, move |mut caller: Caller<'_, StoreData<D>>, params, results| {
        run_dynamic(&call, &mut caller, params, results)
    })
}
