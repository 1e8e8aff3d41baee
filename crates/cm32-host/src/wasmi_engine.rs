//! The wasmi adapter: the embedded default engine.

use std::sync::Arc;

use std::fmt;

use cm32_abi::{CoreSig, CoreType};
use wasmi::{AsContextMut, Caller, Extern, Func, FuncType, Instance, Memory, Module, Store, TypedFunc, Val, ValType};

use crate::engine::{
    CoreInstance, CoreItem, CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCallFn, InstantiateError,
};
use crate::limits::EngineOptions;
use crate::trap::{Trap, TrapClass};

/// wasmi, with its default configuration.
#[derive(Clone, Default)]
pub struct WasmiEngine {
    engine: wasmi::Engine,
    options: EngineOptions,
}

/// How much fuel a store with a deadline gets at a time: between two slices it looks at the
/// clock. About a millisecond of wasmi's work, so a deadline is kept to about that.
const FUEL_SLICE: u64 = 1 << 20;

/// How a store keeps a deadline with fuel.
#[derive(Default)]
struct Meter {
    /// Whether calls hand out fuel in slices (and so go through resumable calls).
    sliced: bool,
    /// Fuel not yet handed to the engine.
    reserve: u64,
    /// When the deadline passes.
    deadline: Option<std::time::Instant>,
}

impl WasmiEngine {
    /// An engine of the embedder's own configuration, which must not count fuel (cm32 decides
    /// that through [`WasmiEngine::with_options`]).
    pub fn new(engine: wasmi::Engine) -> Self {
        WasmiEngine { engine, options: EngineOptions::default() }
    }

    /// An engine that counts what `options` asks for. wasmi keeps a deadline with fuel: it
    /// hands out fuel a slice at a time and looks at the clock between slices.
    pub fn with_options(options: EngineOptions) -> Self {
        let mut config = wasmi::Config::default();
        config.consume_fuel(options.fuel || options.deadline);
        // Fuel counts the guest's instructions, not wasmi's work: wasmi compiles a function the
        // first time it is called and would charge for that too, with an error no call can
        // resume (so a slice of fuel running out there would end the program).
        config.fuel_cost(wasmi::CustomFuelCosts {
            bytes_copied_per_fuel: 64,
            fuel_per_bytes_translated: 0,
            fuel_per_bytes_validated: 0,
        });
        WasmiEngine { engine: wasmi::Engine::new(&config), options }
    }
}

impl wasmi::ResourceLimiter for Growth {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> Result<bool, wasmi_core::LimiterError> {
        if self.memory(desired) { Ok(true) } else { Err(wasmi_core::LimiterError::ResourceLimiterDeniedAllocation) }
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> Result<bool, wasmi_core::LimiterError> {
        if self.table(desired) { Ok(true) } else { Err(wasmi_core::LimiterError::ResourceLimiterDeniedAllocation) }
    }

    fn instances(&self) -> usize {
        usize::MAX
    }

    fn tables(&self) -> usize {
        usize::MAX
    }

    fn memories(&self) -> usize {
        usize::MAX
    }
}

/// One typed host function per all-`i32` arity, with and without a result.
macro_rules! typed_i32_trampolines {
    ($error:ty; $store:expr, $call:expr, $n:expr, $with_result:expr; $($count:literal => ($($p:ident),*)),*) => {
        match ($n, $with_result) {
            $(
                ($count, false) => Some(Func::wrap($store, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<(), $error> {
                    run_host(&*$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut [])
                })),
                ($count, true) => Some(Func::wrap($store, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<i32, $error> {
                    let mut out = [CoreVal::I32(0)];
                    run_host(&*$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut out)?;
                    Ok(out[0].i32())
                })),
            )*
            _ => None,
        }
    };
}

/// A statically typed host function for the all-`i32` signatures with at most one result.
fn typed_trampoline<D: Send + 'static, C: HostCallFn<D>>(
    store: &mut Store<StoreData<D>>,
    sig: &cm32_abi::CoreSig,
    call: Arc<C>,
) -> Option<Func> {
    let all_i32 = sig.params.iter().chain(&sig.results).all(|t| *t == CoreType::I32);
    if !all_i32 || sig.results.len() > 1 {
        return None;
    }
    typed_i32_trampolines!(wasmi::Error; store, call, sig.params.len(), sig.results.len() == 1;
        0 => (), 1 => (a), 2 => (a, b), 3 => (a, b, c), 4 => (a, b, c, d), 5 => (a, b, c, d, e),
        6 => (a, b, c, d, e, f), 7 => (a, b, c, d, e, f, g), 8 => (a, b, c, d, e, f, g, h))
}

/// wasmi makes a host function in each store (nothing about it is compiled); this makes it, with
/// the host call's type still known, so that the engine calls it statically.
pub type HostFuncOf<D> = Arc<dyn Fn(&mut Store<StoreData<D>>) -> Func + Send + Sync>;

impl<D: Send + 'static> WasmiStore<D> {
    fn host_func_in_store(&mut self, make: &HostFuncOf<D>) -> Func {
        make(&mut self.store)
    }
}

impl<D: 'static> WasmiStore<D> {
    fn engine_fuel(&self) -> Option<u64> {
        let left = self.store.get_fuel().ok()?;
        Some(left.saturating_add(self.store.data().meter.reserve))
    }

    fn engine_set_fuel(&mut self, fuel: u64) -> Result<(), ()> {
        let now = if self.store.data().meter.sliced { fuel.min(FUEL_SLICE) } else { fuel };
        self.store.set_fuel(now).map_err(|_| ())?;
        self.store.data_mut().meter.reserve = fuel - now;
        Ok(())
    }

    /// A core `start` function cannot be resumed (wasmi runs it inside instantiation), so it
    /// gets all the fuel at once: the deadline is not looked at while it runs.
    fn engine_before_start(&mut self) {
        if self.store.data().meter.sliced
            && let Some(all) = self.engine_fuel()
        {
            self.store.data_mut().meter.reserve = 0;
            let _ = self.store.set_fuel(all);
        }
    }

    /// Back to slices after a `start` function.
    fn engine_after_start(&mut self) {
        if self.store.data().meter.sliced
            && let Some(all) = self.engine_fuel()
        {
            let _ = self.engine_set_fuel(all);
        }
    }

    fn engine_set_timeout(&mut self, timeout: std::time::Duration) -> Result<(), ()> {
        if !self.store.data().meter.sliced {
            return Err(());
        }
        self.store.data_mut().meter.deadline = Some(std::time::Instant::now() + timeout);
        Ok(())
    }
}

/// Between two slices of fuel: the deadline, then whether any fuel is left to hand out.
fn next_fuel_slice<D>(mut ctx: impl AsContextMut<Data = StoreData<D>>, required: u64) -> Result<(), Trap> {
    let mut ctx = ctx.as_context_mut();
    if let Some(deadline) = ctx.data().meter.deadline
        && std::time::Instant::now() >= deadline
    {
        return Err(Trap::new(TrapClass::Deadline, "the guest ran past its deadline"));
    }
    let left = ctx.get_fuel().unwrap_or(0);
    let reserve = ctx.data().meter.reserve;
    if left.saturating_add(reserve) < required {
        return Err(Trap::new(TrapClass::Fuel, "the guest used all its fuel"));
    }
    let give = reserve.min(FUEL_SLICE.max(required));
    ctx.data_mut().meter.reserve = reserve - give;
    ctx.set_fuel(left + give).map_err(to_trap)
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
        None if error.as_trap_code() == Some(wasmi::TrapCode::OutOfFuel) => {
            Trap::new(TrapClass::Fuel, "the guest used all its fuel")
        }
        None => Trap::new(TrapClass::Guest, error.to_string()),
    }
}

/// At most 16 params plus a return pointer, or one result, cross per call.
const MAX_CORE_VALUES: usize = 17;

fn call_func<D>(
    func: Func,
    mut ctx: impl wasmi::AsContextMut<Data = StoreData<D>>,
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
    let (args_in, results_out) = (&wasmi_args[..args.len()], &mut wasmi_results[..results.len()]);
    if ctx.as_context().data().meter.sliced {
        // Resumable, so that running out of a slice of fuel is a pause to look at the clock.
        let mut call = func.call_resumable(&mut ctx, args_in, results_out).map_err(to_trap)?;
        loop {
            match call {
                wasmi::ResumableCall::Finished => break,
                wasmi::ResumableCall::HostTrap(pause) => return Err(to_trap(pause.into_host_error())),
                wasmi::ResumableCall::OutOfFuel(pause) => {
                    next_fuel_slice(&mut ctx, pause.required_fuel())?;
                    call = pause.resume(&mut ctx, results_out).map_err(to_trap)?;
                }
            }
        }
    } else {
        func.call(&mut ctx, args_in, results_out).map_err(to_trap)?;
    }
    for (slot, v) in results.iter_mut().zip(&wasmi_results) {
        *slot = to_core(v);
    }
    Ok(())
}

typed_fast_paths!(store = WasmiStore, error = wasmi::Error, host_error = |t| wasmi::Error::host(TrapError(t)));

/// The fast path for an export, by its core type.
fn guest_export<D>(func: Func, store: &Store<StoreData<D>>) -> GuestExport {
    let ty = func.ty(store);
    // With fuel in slices every call is resumable, which only the dynamic path is here.
    let all_i32 = !store.data().meter.sliced && ty.params().iter().chain(ty.results()).all(|t| *t == ValType::I32);
    GuestExport::with_shape(func, store, (ty.params().len(), ty.results().len(), all_i32))
}

impl Engine for WasmiEngine {
    type Module = Module;
    type HostFunc<D: Send + 'static> = HostFuncOf<D>;
    type Store<D: Send + 'static> = WasmiStore<D>;

    fn host_func<D: Send + 'static, C: HostCallFn<D>>(&self, sig: &CoreSig, call: C) -> HostFuncOf<D> {
        let (sig, call) = (sig.clone(), Arc::new(call));
        Arc::new(move |store: &mut Store<StoreData<D>>| {
            typed_trampoline(store, &sig, call.clone()).unwrap_or_else(|| dynamic_host_func(store, &sig, call.clone()))
        })
    }

    fn compile(&self, wasm: &[u8]) -> Result<Module, InstantiateError> {
        Module::new(&self.engine, wasm).map_err(|e| InstantiateError::Module(e.to_string()))
    }

    fn options(&self) -> EngineOptions {
        self.options
    }

    fn imports(&self, module: &Module) -> Vec<(String, String)> {
        module.imports().map(|i| (i.module().to_string(), i.name().to_string())).collect()
    }

    fn new_store<D: Send + 'static>(&self, data: D) -> WasmiStore<D> {
        let mut data = StoreData::new(data);
        data.meter.sliced = self.options.deadline;
        let mut store = WasmiStore { store: Store::new(&self.engine, data), funcs: Vec::new() };
        if self.options.fuel || self.options.deadline {
            // Unbounded until the embedder sets a limit.
            let _ = store.engine_set_fuel(u64::MAX);
        }
        store
    }
}

/// A host function of any core signature, through the engine's dynamically typed values.
fn dynamic_host_func<D: Send + 'static, C: HostCallFn<D>>(
    store: &mut Store<StoreData<D>>,
    sig: &CoreSig,
    call: Arc<C>,
) -> Func {
    let ty = FuncType::new(sig.params.iter().copied().map(val_type), sig.results.iter().copied().map(val_type));
    Func::new(&mut *store, ty, move |mut caller: Caller<'_, StoreData<D>>, params, results| {
        run_dynamic(&*call, &mut caller, params, results)
    })
}
