//! The wasmi adapter: the embedded default engine.

use std::collections::HashSet;
use std::fmt;

use cm32_abi::CoreType;
use wasmi::{AsContextMut, Caller, Func, FuncType, Memory, Store, TypedFunc, Val, ValType};

use crate::engine::{CoreVal, Engine, GuestCx, GuestFunc, HostCall, InstantiateError, LinkPlan};
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

/// What the store holds: the ABI's state, and the guest functions and memory found at link time.
pub struct StoreData<D> {
    data: D,
    funcs: Vec<GuestExport>,
    memory: Option<Memory>,
}

pub struct WasmiInstance<D: 'static> {
    store: Store<StoreData<D>>,
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

fn to_wasmi(v: CoreVal) -> Val {
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
        *slot = to_wasmi(*v);
    }
    for (slot, v) in wasmi_results.iter_mut().zip(results.iter()) {
        *slot = to_wasmi(*v);
    }
    func.call(&mut ctx, &wasmi_args[..args.len()], &mut wasmi_results[..results.len()]).map_err(to_trap)?;
    for (slot, v) in results.iter_mut().zip(&wasmi_results) {
        *slot = to_core(v);
    }
    Ok(())
}

typed_fast_paths!(instance = WasmiInstance, error = wasmi::Error, host_error = |t| wasmi::Error::host(TrapError(t)));

/// The fast path for an export, by its core type.
fn guest_export<T>(func: Func, store: &Store<T>) -> GuestExport {
    let ty = func.ty(store);
    let all_i32 = ty.params().iter().chain(ty.results()).all(|t| *t == ValType::I32);
    GuestExport::with_shape(func, store, (ty.params().len(), ty.results().len(), all_i32))
}

impl Engine for WasmiEngine {
    type Instance<D: Send + 'static> = WasmiInstance<D>;

    fn instantiate<D: Send + 'static>(
        &self,
        wasm: &[u8],
        plan: LinkPlan<D>,
        data: D,
    ) -> Result<WasmiInstance<D>, InstantiateError> {
        let module = wasmi::Module::new(&self.engine, wasm).map_err(|e| InstantiateError::Module(e.to_string()))?;
        let mut store = Store::new(&self.engine, StoreData { data, funcs: Vec::new(), memory: None });
        let mut linker = wasmi::Linker::<StoreData<D>>::new(&self.engine);
        let mut defined = HashSet::new();
        for import in plan.imports {
            if !defined.insert((import.module.clone(), import.name.clone())) {
                continue;
            }
            let ty = FuncType::new(
                import.sig.params.iter().copied().map(val_type),
                import.sig.results.iter().copied().map(val_type),
            );
            let call = import.call;
            if let Some(func) = typed_trampoline(&mut store, &import.sig, call.clone()) {
                linker
                    .define(&import.module, &import.name, func)
                    .map_err(|e| InstantiateError::Module(e.to_string()))?;
                continue;
            }
            let func = Func::new(&mut store, ty, move |mut caller: Caller<'_, StoreData<D>>, params, results| {
                let mut args = [CoreVal::I32(0); MAX_CORE_VALUES];
                for (slot, v) in args.iter_mut().zip(params) {
                    *slot = to_core(v);
                }
                let mut outs = [CoreVal::I32(0); 1];
                for (slot, v) in outs.iter_mut().zip(results.iter()) {
                    *slot = to_core(v);
                }
                let n_out = results.len().min(1);
                let mut cx = CallerCx { caller: &mut caller };
                call(&mut cx, &args[..params.len()], &mut outs[..n_out])
                    .map_err(|t| wasmi::Error::host(TrapError(t)))?;
                for (slot, v) in results.iter_mut().zip(&outs[..n_out]) {
                    *slot = to_wasmi(*v);
                }
                Ok(())
            });
            linker.define(&import.module, &import.name, func).map_err(|e| InstantiateError::Module(e.to_string()))?;
        }
        let instance =
            linker.instantiate_and_start(&mut store, &module).map_err(|e| InstantiateError::Trap(to_trap(e)))?;
        let mut funcs = Vec::with_capacity(plan.exports.len());
        for name in &plan.exports {
            let func = instance
                .get_func(&store, name)
                .ok_or_else(|| InstantiateError::Module(format!("the module has no function export `{name}`")))?;
            funcs.push(guest_export(func, &store));
        }
        let memory = match &plan.memory {
            Some(name) => Some(
                instance
                    .get_memory(&store, name)
                    .ok_or_else(|| InstantiateError::Module(format!("the module has no memory export `{name}`")))?,
            ),
            None => None,
        };
        let data = store.data_mut();
        data.funcs = funcs;
        data.memory = memory;
        Ok(WasmiInstance { store })
    }
}
