//! The wasmtime adapter (core API only: `Engine`, `Module`, `Store`, `Instance`, `Memory`,
//! `Func`), behind the `wasmtime` feature: cm32's fast backend.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cm32_abi::{CoreSig, CoreType};
use wasmtime::{
    AsContextMut, Caller, Extern, Func, FuncType, Instance, Memory, Module, Store, TypedFunc, Val, ValType,
};

use crate::engine::{
    CoreInstance, CoreItem, CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCallFn, InstantiateError,
};
use crate::limits::EngineOptions;
use crate::trap::{Trap, TrapClass};

/// wasmtime, compiling with Cranelift.
///
/// The last module compiled is kept (clones share it): instantiating the same bytes again, as a
/// host that restarts a poisoned instance or a test that runs many cases does, skips Cranelift.
#[derive(Clone, Default)]
pub struct WasmtimeEngine {
    engine: wasmtime::Engine,
    options: EngineOptions,
    last_compiled: Arc<Mutex<Option<CompiledModule>>>,
    /// Where compiled modules are kept between processes, if anywhere.
    code_cache: Option<PathBuf>,
}

/// A module's bytes and what Cranelift made of them.
type CompiledModule = (Vec<u8>, wasmtime::Module);

/// How often the epoch advances on an engine that keeps deadlines: a deadline is kept to within
/// one tick.
const EPOCH_TICK: std::time::Duration = std::time::Duration::from_millis(2);

impl WasmtimeEngine {
    /// An engine of the embedder's own configuration, which must have neither fuel nor epoch
    /// interruption on (cm32 decides those through [`WasmtimeEngine::with_options`]).
    pub fn new(engine: wasmtime::Engine) -> Self {
        WasmtimeEngine { engine, options: EngineOptions::default(), last_compiled: Arc::default(), code_cache: None }
    }

    /// An engine that counts what `options` asks for: fuel with wasmtime's fuel, deadlines with
    /// epoch interruption, the epoch advanced by a thread of the engine's own every
    /// [`EPOCH_TICK`] (it ends when the engine is dropped).
    pub fn with_options(options: EngineOptions) -> Self {
        Self::configured(options, None)
    }

    /// Like [`WasmtimeEngine::with_options`], for a server that makes a store per request, about
    /// `stores` of them alive at once: instances, memories and tables come from wasmtime's
    /// pooling allocator, which reuses them instead of mapping and unmapping memory for every
    /// store (what `wasmtime serve` does). A store that finds the pool full fails to
    /// instantiate. Where the OS will not reserve the pool's address space, the engine
    /// allocates on demand instead.
    pub fn pooled(options: EngineOptions, stores: u32) -> Self {
        Self::configured(options, Some(stores.max(1)))
    }

    fn configured(options: EngineOptions, pool: Option<u32>) -> Self {
        let mut config = wasmtime::Config::default();
        config.consume_fuel(options.fuel);
        config.epoch_interruption(options.deadline);
        let pooled = pool.and_then(|stores| {
            let mut pooling = wasmtime::PoolingAllocationConfig::default();
            // A component's store holds several core instances (its modules, the adapter's,
            // wit-component's shims), each usually with at most a memory and a table.
            pooling
                .total_core_instances(stores.saturating_mul(16))
                .total_memories(stores.saturating_mul(4))
                .total_tables(stores.saturating_mul(16))
                .max_memories_per_module(1)
                .max_tables_per_module(4);
            let mut pooled = config.clone();
            pooled.allocation_strategy(wasmtime::InstanceAllocationStrategy::Pooling(pooling));
            wasmtime::Engine::new(&pooled).ok()
        });
        // Cannot fail: the default configuration with fuel and epochs is a valid one.
        let engine = pooled.unwrap_or_else(|| wasmtime::Engine::new(&config).expect("a valid wasmtime configuration"));
        if options.deadline {
            let weak = engine.weak();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(EPOCH_TICK);
                    match weak.upgrade() {
                        Some(engine) => engine.increment_epoch(),
                        None => break,
                    }
                }
            });
        }
        WasmtimeEngine { engine, options, last_compiled: Arc::default(), code_cache: None }
    }

    /// Keeps compiled modules in `dir` (made if missing), as `wasmtime run` keeps its cache: a
    /// module compiled once, by this process or an earlier one, is loaded instead of compiled.
    /// A file is named by the SHA-256 of everything that decides its code (the cache's format,
    /// cm32's version, the engine's options, the module's bytes); wasmtime itself refuses code
    /// that another version or configuration made, which is then compiled again and replaced.
    pub fn with_code_cache(mut self, dir: impl Into<PathBuf>) -> Self {
        self.code_cache = Some(dir.into());
        self
    }

    /// The file `wasm`'s compiled code is kept in.
    fn cache_file(&self, dir: &Path, wasm: &[u8]) -> PathBuf {
        use sha2::Digest as _;
        let mut key = sha2::Sha256::new();
        key.update(b"cm32 code cache 1\0");
        key.update(env!("CARGO_PKG_VERSION").as_bytes());
        key.update([self.options.fuel as u8, self.options.deadline as u8]);
        key.update(wasm);
        let name: String = key.finalize().iter().map(|b| format!("{b:02x}")).collect();
        dir.join(format!("{name}.cwasm"))
    }

    fn compile_uncached(&self, wasm: &[u8]) -> Result<wasmtime::Module, InstantiateError> {
        let compile =
            || wasmtime::Module::new(&self.engine, wasm).map_err(|e| InstantiateError::Module(format!("{e:#}")));
        let Some(dir) = &self.code_cache else { return compile() };
        let file = self.cache_file(dir, wasm);
        // SAFETY: the file is one this cache wrote with `Module::serialize` under a name that
        // only these bytes and this configuration give; wasmtime checks that the code was made
        // by its own version with a compatible configuration. Like wasmtime's own cache, it
        // trusts the user's cache directory not to be written by anyone else.
        if let Ok(module) = unsafe { wasmtime::Module::deserialize_file(&self.engine, &file) } {
            return Ok(module);
        }
        let module = compile()?;
        // A cache that cannot be written is only a slower start.
        if let Ok(code) = module.serialize()
            && std::fs::create_dir_all(dir).is_ok()
        {
            // Written aside and renamed, so that another process never loads half a file.
            let partial = file.with_extension(format!("{}.partial", std::process::id()));
            if std::fs::write(&partial, code).is_ok() && std::fs::rename(&partial, &file).is_err() {
                let _ = std::fs::remove_file(&partial);
            }
        }
        Ok(module)
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
        let module = self.compile_uncached(wasm)?;
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

impl wasmtime::ResourceLimiter for Growth {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if self.memory(desired) { Ok(true) } else { Err(wasmtime::Error::msg("refused by the memory limit")) }
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if self.table(desired) { Ok(true) } else { Err(wasmtime::Error::msg("refused by the table limit")) }
    }
}

impl<D: 'static> WasmtimeStore<D> {
    fn engine_fuel(&self) -> Option<u64> {
        self.store.get_fuel().ok()
    }

    fn engine_set_fuel(&mut self, fuel: u64) -> Result<(), ()> {
        self.store.set_fuel(fuel).map_err(|_| ())
    }

    fn engine_before_start(&mut self) {}

    fn engine_after_start(&mut self) {}

    fn engine_set_timeout(&mut self, timeout: std::time::Duration) -> Result<(), ()> {
        if !self.store.data().meter.epochs {
            return Err(());
        }
        let ticks = timeout.as_nanos().div_ceil(EPOCH_TICK.as_nanos()).max(1);
        self.store.set_epoch_deadline(ticks.min(NO_DEADLINE as u128) as u64);
        Ok(())
    }
}

/// wasmtime keeps fuel and deadlines itself; the store only knows whether it may set one.
#[derive(Default)]
struct Meter {
    /// Whether the engine has epoch interruption on.
    epochs: bool,
}

/// Epochs beyond the current one for a store without a deadline (far enough never to come, near
/// enough not to overflow the engine's sum).
const NO_DEADLINE: u64 = u64::MAX / 2;

/// A host `Trap` comes back as itself; a guest trap keeps wasmtime's message and backtrace.
fn to_trap(error: wasmtime::Error) -> Trap {
    if let Some(TrapError(trap)) = error.downcast_ref::<TrapError>() {
        return trap.clone();
    }
    match error.downcast_ref::<wasmtime::Trap>() {
        Some(wasmtime::Trap::OutOfFuel) => return Trap::new(TrapClass::Fuel, "the guest used all its fuel"),
        Some(wasmtime::Trap::Interrupt) => return Trap::new(TrapClass::Deadline, "the guest ran past its deadline"),
        _ => {}
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

fn call_func<D: 'static>(
    func: Func,
    mut ctx: impl wasmtime::AsContextMut<Data = StoreData<D>>,
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

/// `linker_typed_func`'s arities: as the wasmi adapter's `typed_i32_trampolines`, into a linker.
macro_rules! linker_i32_funcs {
    ($linker:expr, $call:expr, $n:expr, $with_result:expr; $($count:literal => ($($p:ident),*)),*) => {
        match ($n, $with_result) {
            $(
                ($count, false) => $linker.func_wrap(HOST_MODULE, HOST_NAME, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<(), wasmtime::Error> {
                    run_host(&*$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut [])
                }).is_ok(),
                ($count, true) => $linker.func_wrap(HOST_MODULE, HOST_NAME, move |mut caller: Caller<'_, StoreData<D>>, $($p: i32),*| -> Result<i32, wasmtime::Error> {
                    let mut out = [CoreVal::I32(0)];
                    run_host(&*$call, &mut caller, &[$(CoreVal::I32($p)),*], &mut out)?;
                    Ok(out[0].i32())
                }).is_ok(),
            )*
            _ => false,
        }
    };
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
    type HostFunc<D: Send + 'static> = HostFuncOf<D>;
    type Store<D: Send + 'static> = WasmtimeStore<D>;

    fn host_func<D: Send + 'static, C: HostCallFn<D>>(&self, sig: &CoreSig, call: C) -> HostFuncOf<D> {
        let mut linker = wasmtime::Linker::new(&self.engine);
        let call = std::sync::Arc::new(call);
        if !linker_typed_func(&mut linker, sig, call.clone()) {
            let ty = FuncType::new(
                &self.engine,
                sig.params.iter().copied().map(val_type),
                sig.results.iter().copied().map(val_type),
            );
            // Cannot fail: the linker is new, so the name is free.
            let _ = linker.func_new(HOST_MODULE, HOST_NAME, ty, move |mut caller, params, results| {
                run_dynamic(&*call, &mut caller, params, results)
            });
        }
        HostFuncOf { linker }
    }

    fn compile(&self, wasm: &[u8]) -> Result<Module, InstantiateError> {
        self.compile_cached(wasm)
    }

    fn options(&self) -> EngineOptions {
        self.options
    }

    fn imports(&self, module: &Module) -> Vec<(String, String)> {
        module.imports().map(|i| (i.module().to_string(), i.name().to_string())).collect()
    }

    fn new_store<D: Send + 'static>(&self, data: D) -> WasmtimeStore<D> {
        let mut data = StoreData::new(data);
        data.meter.epochs = self.options.deadline;
        let mut store = Store::new(&self.engine, data);
        // Unbounded until the embedder sets a limit.
        if self.options.fuel {
            let _ = store.set_fuel(u64::MAX);
        }
        if self.options.deadline {
            store.set_epoch_deadline(NO_DEADLINE);
        }
        WasmtimeStore { store, funcs: Vec::new() }
    }
}

/// A host function made once for the engine: a linker of its own holds it (as wasmtime's
/// `HostFunc`, whose trampoline is compiled once), and each store takes it from there.
pub struct HostFuncOf<D: 'static> {
    linker: wasmtime::Linker<StoreData<D>>,
}

/// The name a host function has in its linker.
const HOST_MODULE: &str = "cm32";
const HOST_NAME: &str = "host";

impl<D: Send + 'static> WasmtimeStore<D> {
    fn host_func_in_store(&mut self, func: &HostFuncOf<D>) -> Func {
        match func.linker.get(&mut self.store, HOST_MODULE, HOST_NAME).ok().and_then(Extern::into_func) {
            Some(f) => f,
            // `Engine::host_func` defines it under that name; a host function that traps stands
            // in should that ever not hold.
            None => Func::wrap(&mut self.store, || -> Result<(), wasmtime::Error> {
                Err(wasmtime::Error::new(TrapError(Trap::new(TrapClass::Host, "a host function was not made"))))
            }),
        }
    }
}

/// Defines the statically typed host function for the all-`i32` signatures with at most one
/// result, if `sig` is one.
fn linker_typed_func<D: Send + 'static, C: HostCallFn<D>>(
    linker: &mut wasmtime::Linker<StoreData<D>>,
    sig: &CoreSig,
    call: std::sync::Arc<C>,
) -> bool {
    let all_i32 = sig.params.iter().chain(&sig.results).all(|t| *t == CoreType::I32);
    if !all_i32 || sig.results.len() > 1 {
        return false;
    }
    linker_i32_funcs!(linker, call, sig.params.len(), sig.results.len() == 1;
        0 => (), 1 => (a), 2 => (a, b), 3 => (a, b, c), 4 => (a, b, c, d), 5 => (a, b, c, d, e),
        6 => (a, b, c, d, e, f), 7 => (a, b, c, d, e, f, g), 8 => (a, b, c, d, e, f, g, h))
}
