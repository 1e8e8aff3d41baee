//! The call protocol: host calls into the guest (exports, destructors) and guest calls out to the
//! host (imports, resource intrinsics), with may-leave, re-entry, borrow and poisoning rules.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use cm32_abi::ItemKind;

use crate::abi::{
    CanonOptions, ComponentIdx, FlatDst, FlatSrc, LiftFor, Lifter, LowerFor, Lowerer, ReallocCall, State,
    StringEncoding, check_ptr, end_lends,
};
use crate::engine::{
    CoreMemory, CoreVal, Engine, GuestCx, GuestFunc, HostCall, HostCallFn, InstantiateError, Store as _,
};
use crate::linker::{HostCx, HostDtor, HostFunc};
use crate::table::Entry;
use crate::trap::{Trap, TrapClass, trap};
use crate::typed::{Lift, LiftParams, Lower, LowerParams, MaybeVal, ResultType, Vals};
use crate::types::{ResourceIdx, Side, Types};
use crate::val::{ResourceAny, TypeMismatch, Val, typecheck};
use crate::world::{FuncIdx, FuncPlan, World};

/// An export, bound to its plan and to the options it was lifted with.
#[derive(Clone, Copy, Debug)]
pub struct ExportBinding {
    pub(crate) plan: FuncIdx,
    pub(crate) func: GuestFunc,
    pub(crate) options: CanonOptions,
}

/// Link-time facts about one store: which guest function the host calls for what.
pub(crate) struct Bindings {
    /// The component instance whose exports the host calls.
    pub(crate) component: ComponentIdx,
    /// Its memory, for tools and tests.
    pub(crate) memory: Option<CoreMemory>,
    pub(crate) initialize: Option<GuestFunc>,
    pub(crate) exports: Vec<ExportBinding>,
}

impl Bindings {
    pub(crate) fn new(component: ComponentIdx) -> Self {
        Bindings { component, memory: None, initialize: None, exports: Vec::new() }
    }
}

/// What destroys a resource when its last own handle is dropped: the host's destructors for its
/// resources, and the guest's (with the component instance it runs in) for the guest's own.
pub(crate) struct Dtors<T> {
    pub(crate) host: HashMap<ResourceIdx, HostDtor<T>>,
    pub(crate) guest: HashMap<ResourceIdx, (GuestFunc, ComponentIdx)>,
}

pub(crate) struct Shared<T> {
    pub(crate) world: Arc<World>,
    pub(crate) dtors: Arc<Dtors<T>>,
    pub(crate) bindings: Bindings,
}

/// Why a call from the host failed.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("{0}")]
    Trap(#[from] Trap),
    /// The host passed a value of the wrong type; nothing ran and the instance is unharmed.
    #[error("wrong argument for `{func}`: {mismatch}")]
    Type { func: String, mismatch: TypeMismatch },
    #[error("`{func}` takes {expected} arguments, {found} given")]
    Arity { func: String, expected: usize, found: usize },
    /// Rust types bound to an export do not fit its WIT types.
    #[error("`{func}`: {message}")]
    Signature { func: String, message: String },
    #[error("the module does not export `{name}`; it exports: {}", .available.join(", "))]
    NoSuchExport { name: String, available: Vec<String> },
}

/// An export, found once by name and then called without looking anything up.
#[derive(Clone, Copy, Debug)]
pub struct ExportFunc(usize);

/// A running module.
pub struct Instance<T: Send + 'static, E: Engine> {
    inner: E::Store<State<T>>,
    shared: Arc<Shared<T>>,
}

impl<T: Send + 'static, E: Engine> Instance<T, E> {
    pub(crate) fn new(inner: E::Store<State<T>>, shared: Arc<Shared<T>>) -> Self {
        Instance { inner, shared }
    }

    pub fn world(&self) -> &World {
        &self.shared.world
    }

    pub fn data(&mut self) -> &mut T {
        &mut self.inner.data().user
    }

    pub fn is_poisoned(&mut self) -> bool {
        self.inner.data().poisoned
    }

    /// The guest's memory, for tests and tools.
    pub fn memory(&mut self) -> Option<&mut [u8]> {
        self.inner.memory_and_data(self.shared.bindings.memory?).0
    }

    /// The realloc calls made so far (when the linker recorded them), emptied.
    pub fn take_realloc_log(&mut self) -> Vec<ReallocCall> {
        self.inner.data().realloc_log.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The fuel left, if the engine counts fuel.
    pub fn fuel(&mut self) -> Option<u64> {
        self.inner.fuel()
    }

    /// Gives the instance `fuel` units of fuel, replacing what was left.
    pub fn set_fuel(&mut self, fuel: u64) -> Result<(), InstantiateError> {
        self.inner.set_fuel(fuel)
    }

    /// Sets the instance's deadline `timeout` from now, replacing the one it had.
    pub fn set_timeout(&mut self, timeout: std::time::Duration) -> Result<(), InstantiateError> {
        self.inner.set_timeout(timeout)
    }

    /// The number of live handles in the instance's table.
    pub fn live_handles(&mut self) -> usize {
        let component = self.shared.bindings.component;
        self.inner.data().component(component).table.live()
    }

    /// Finds an export by WIT name: `<interface>#<function>` or a world-level name.
    pub fn func(&self, name: &str) -> Result<ExportFunc, CallError> {
        self.shared.export(name)
    }

    /// Calls an export by name.
    pub fn call(&mut self, name: &str, args: &[Val]) -> Result<Option<Val>, CallError> {
        let func = self.func(name)?;
        self.call_func(func, args)
    }

    /// Calls an export: lower the arguments, run it, lift the result, then post-return.
    pub fn call_func(&mut self, func: ExportFunc, args: &[Val]) -> Result<Option<Val>, CallError> {
        let shared = self.shared.clone();
        let binding = shared.bindings.exports[func.0];
        let plan = shared.world.func(binding.plan);
        if args.len() != plan.params.len() {
            return Err(CallError::Arity { func: plan.wit.clone(), expected: plan.params.len(), found: args.len() });
        }
        let types = &shared.world.types;
        for (i, (arg, (name, ty))) in args.iter().zip(&plan.params).enumerate() {
            let mut path = format!("argument {i} (`{name}`)");
            typecheck(types, arg, *ty, &mut path)
                .map_err(|mismatch| CallError::Type { func: plan.wit.clone(), mismatch })?;
        }
        self.call_typed::<Vals<'_>, MaybeVal>(func, &Vals(args)).map(|r| r.0)
    }

    /// Drops a resource the host holds: a guest-defined one runs the guest's destructor, a
    /// host-defined one the host's.
    pub fn drop_resource(&mut self, resource: ResourceAny) -> Result<(), CallError> {
        let shared = self.shared.clone();
        match shared.world.types.resource(resource.ty).side {
            Side::Host => {
                let Some(dtor) = shared.dtors.host.get(&resource.ty) else { return Ok(()) };
                let result = dtor(&mut self.inner.data().user, resource.rep);
                let wit = format!("{}#[dtor]", shared.world.types.resource(resource.ty).wit);
                self.leave(result).map_err(|t| CallError::Trap(t.in_func(&wit)))
            }
            Side::Guest => {
                let Some((dtor, _)) = shared.dtors.guest.get(&resource.ty).copied() else { return Ok(()) };
                self.enter()?;
                let result = self.inner.call(dtor, &[CoreVal::I32(resource.rep as i32)], &mut []);
                let wit = format!("{}#[dtor]", shared.world.types.resource(resource.ty).wit);
                self.leave(result).map_err(|t| CallError::Trap(t.in_func(&wit)))
            }
        }
    }

    pub(crate) fn initialize(&mut self) -> Result<(), Trap> {
        let Some(init) = self.shared.bindings.initialize else { return Ok(()) };
        self.enter().map_err(|e| match e {
            CallError::Trap(t) => t,
            other => trap(TrapClass::Host, other.to_string()),
        })?;
        let result = self.inner.call(init, &[], &mut []);
        self.leave(result).map_err(|t| t.in_func("initialize"))
    }

    fn enter(&mut self) -> Result<(), CallError> {
        enter(self.inner.data())
    }

    fn leave<R>(&mut self, result: Result<R, Trap>) -> Result<R, Trap> {
        leave(self.inner.data(), result)
    }

    /// Binds an export to Rust types, checking them against its WIT types once.
    pub fn typed_func<P: LowerParams, R: Lift + ResultType>(&self, name: &str) -> Result<TypedFunc<P, R>, CallError> {
        let func = self.shared.typed_export::<P, R>(name)?;
        Ok(TypedFunc { func, _types: PhantomData })
    }

    /// Calls an export found by [`ExportLookup::typed_export`] with the same Rust types (the
    /// code `bindgen!` generates does). Other types are not unsafe, only wrong: the values are
    /// lowered against the export's WIT types, and what does not fit is a `host` trap.
    #[doc(hidden)]
    pub fn call_prechecked<P: LowerParams, R: Lift + ResultType>(
        &mut self,
        func: ExportFunc,
        params: &P,
    ) -> Result<R, CallError> {
        self.call_typed(func, params)
    }

    /// The export protocol, from the host. The instance's parts are borrowed apart, so that the
    /// call takes no reference count.
    fn call_typed<P: LowerParams, R: Lift + ResultType>(
        &mut self,
        func: ExportFunc,
        params: &P,
    ) -> Result<R, CallError> {
        let Instance { inner, shared } = self;
        let binding = &shared.bindings.exports[func.0];
        let (world, opts) = (&shared.world, &binding.options);
        let plan = world.func(binding.plan);
        enter(inner.data())?;
        let result = export_call(inner, plan, &world.types, binding.func, opts, StringEncoding::Utf8, params)
            .and_then(|(result, flat)| finish_export(inner, opts, flat.as_slice()).map(|()| result));
        leave(inner.data(), result).map_err(|t| CallError::Trap(t.in_func(&plan.wit)))
    }
}

/// Where exports are found by name and bound to Rust types: an instance, or an
/// [`InstancePre`](crate::InstancePre) before any instance exists (the numbering of exports is
/// the same in every instance of a pre).
pub trait ExportLookup {
    fn typed_export<P: LowerParams, R: Lift + ResultType>(&self, name: &str) -> Result<ExportFunc, CallError>;
}

impl<T: Send + 'static, E: Engine> ExportLookup for Instance<T, E> {
    fn typed_export<P: LowerParams, R: Lift + ResultType>(&self, name: &str) -> Result<ExportFunc, CallError> {
        self.shared.typed_export::<P, R>(name)
    }
}

impl<T> Shared<T> {
    pub(crate) fn export(&self, name: &str) -> Result<ExportFunc, CallError> {
        let world = &self.world;
        let exports = &self.bindings.exports;
        let found = exports.iter().position(|b| world.func(b.plan).wit == name).or_else(|| {
            let plan = world.find_func(crate::world::Direction::Export, name)?;
            exports.iter().position(|b| b.plan == plan)
        });
        found.map(ExportFunc).ok_or_else(|| CallError::NoSuchExport {
            name: name.to_string(),
            available: exports.iter().map(|b| world.func(b.plan).wit.clone()).collect(),
        })
    }

    pub(crate) fn typed_export<P: LowerParams, R: Lift + ResultType>(
        &self,
        name: &str,
    ) -> Result<ExportFunc, CallError> {
        let func = self.export(name)?;
        let world = &self.world;
        let plan = world.func(self.bindings.exports[func.0].plan);
        P::check(&world.types, &plan.param_types)
            .and_then(|()| R::check_result(&world.types, plan.result))
            .map_err(|e| CallError::Signature { func: plan.wit.clone(), message: e })?;
        Ok(func)
    }
}

/// A call from the host may start only if no trap poisoned the instance.
#[inline(always)]
fn enter<T>(st: &mut State<T>) -> Result<(), CallError> {
    if st.poisoned {
        return Err(CallError::Trap(trap(TrapClass::Poisoned, "the instance trapped earlier and cannot be used")));
    }
    Ok(())
}

/// After a call from the host: a trap poisons the instance and resets its flags.
#[inline(always)]
fn leave<T, R>(st: &mut State<T>, result: Result<R, Trap>) -> Result<R, Trap> {
    if result.is_err() {
        st.poisoned = true;
        for component in &mut st.components {
            component.may_leave = true;
            component.may_enter = true;
        }
    }
    result
}

/// An export bound to Rust parameter and result types.
pub struct TypedFunc<P, R> {
    func: ExportFunc,
    _types: PhantomData<fn(P) -> R>,
}

impl<P: LowerParams, R: Lift + ResultType> TypedFunc<P, R> {
    pub fn call<T: Send + 'static, E: Engine>(&self, instance: &mut Instance<T, E>, params: P) -> Result<R, CallError> {
        instance.call_typed(self.func, &params)
    }
}

/// A host function over Rust types (or `Vec<Val>` in, `MaybeVal` out, for the dynamic path).
pub type TypedHostFunc<T, P, R> = Arc<TypedHostFn<T, P, R>>;
pub type TypedHostFn<T, P, R> = dyn Fn(&mut HostCx<'_, T>, P) -> Result<R, Trap> + Send + Sync;

/// The host side of an imported WIT function, lowered with `options`: what the engine calls,
/// statically, for that import. `F` is the closure the host gave (or `dyn` for the dynamic API).
pub(crate) struct ImportTrampoline<T, P, R, F: ?Sized> {
    world: Arc<World>,
    plan: FuncIdx,
    options: CanonOptions,
    host: Arc<F>,
    _types: PhantomData<fn(T, P) -> R>,
}

impl<T, P, R, F: ?Sized> ImportTrampoline<T, P, R, F> {
    pub(crate) fn new(world: Arc<World>, plan: FuncIdx, options: CanonOptions, host: Arc<F>) -> Self {
        ImportTrampoline { world, plan, options, host, _types: PhantomData }
    }
}

impl<T: Send + 'static, P: LiftParams + 'static, R: Lower + 'static, F> HostCallFn<State<T>>
    for ImportTrampoline<T, P, R, F>
where
    F: Fn(&mut HostCx<'_, T>, P) -> Result<R, Trap> + Send + Sync + ?Sized + 'static,
{
    // Inlined into the engine's host function, so that the core values the engine passes are
    // read where they arrive rather than through a slice.
    #[inline(always)]
    fn call<G: GuestCx<State<T>> + ?Sized>(
        &self,
        g: &mut G,
        args: &[CoreVal],
        results: &mut [CoreVal],
    ) -> Result<(), Trap> {
        import_protocol(g, &self.world, self.plan, &self.options, &*self.host, args, results)
            .map_err(|t| t.in_func(&self.world.func(self.plan).wit))
    }
}

/// The import protocol: refuse if the guest may not leave; lift the arguments (lending borrowed
/// handles for the call); run the host; lower the result (realloc may run, the guest may not
/// leave); end the lends.
#[inline(always)]
fn import_protocol<T: Send + 'static, P: LiftParams, R: Lower, F, G: GuestCx<State<T>> + ?Sized>(
    g: &mut G,
    world: &World,
    plan_idx: FuncIdx,
    opts: &CanonOptions,
    host: &F,
    args: &[CoreVal],
    results: &mut [CoreVal],
) -> Result<(), Trap>
where
    F: Fn(&mut HostCx<'_, T>, P) -> Result<R, Trap> + ?Sized,
{
    let plan = world.func(plan_idx);
    let types = &world.types;
    let (params, mark, state) = lift_import_args::<T, P, _>(g, plan, types, opts, args)?;
    let State { user, components, .. } = state;
    let outcome = host(&mut HostCx { data: user, types }, params);
    end_lends(&mut components[opts.component.0 as usize], mark);
    let result = outcome?;
    lower_import_result(g.as_dyn(), plan, types, opts, StringEncoding::Utf8, &result, args, results)
}

/// The first half of a lowered call: the caller must be allowed to leave; its arguments are
/// lifted, lending the handles it passes as borrows until [`end_lends`] at `mark`. Gives the
/// store's state back, so that the caller fetches it once.
#[inline(always)]
fn lift_import_args<'g, T, P: LiftParams, G: GuestCx<State<T>> + ?Sized>(
    g: &'g mut G,
    plan: &FuncPlan,
    types: &Types,
    opts: &CanonOptions,
    args: &[CoreVal],
) -> Result<(P, usize, &'g mut State<T>), Trap> {
    // Scalar functions never touch memory, so they skip fetching it.
    let (mem, st) = match opts.memory {
        Some(memory) if plan.needs_memory => g.memory_and_data(memory),
        _ => (None, g.data()),
    };
    if !st.component(opts.component).may_leave {
        return Err(trap(TrapClass::MayLeave, "the guest called an import during realloc or post-return"));
    }
    if plan.needs_memory && mem.is_none() {
        return Err(trap(
            TrapClass::StartNeedsMemory,
            "an import that needs memory was called before the instance has its memory (from `start`)",
        ));
    }
    let mem: &[u8] = mem.map(|m| &*m).unwrap_or(&[]);
    let component = st.component(opts.component);
    let mark = component.lent.len();
    let mut lift = Lifter { mem, st: component, types, purpose: LiftFor::ImportArgs, encoding: opts.encoding };
    let lifted = if plan.params_spilled() {
        let ptr = args.first().map_or(0, |v| v.i32() as u32);
        let tuple = &plan.params_tuple;
        check_ptr(ptr, tuple.size, tuple.align, mem.len(), "the argument area")
            .and_then(|()| P::load(&mut lift, &plan.param_types, &plan.param_offsets, ptr))
    } else {
        P::lift_flat(&mut lift, &plan.param_types, &mut FlatSrc::new(args))
    };
    match lifted {
        Ok(params) => Ok((params, mark, st)),
        Err(t) => {
            end_lends(lift.st, mark);
            Err(t)
        }
    }
}

/// The last half of a lowered call: the result is lowered into the caller (flat, or through the
/// return pointer it passed last), transcoding strings from `source`.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn lower_import_result<T, R: Lower>(
    g: &mut dyn GuestCx<State<T>>,
    plan: &FuncPlan,
    types: &Types,
    opts: &CanonOptions,
    source: StringEncoding,
    result: &R,
    args: &[CoreVal],
    results: &mut [CoreVal],
) -> Result<(), Trap> {
    let Some(ty) = plan.result else { return Ok(()) };
    let mut lower = Lowerer { g, types, opts, purpose: LowerFor::ImportResults, source };
    // Only realloc can run guest code while the result is lowered.
    let guarded = plan.result_needs_realloc;
    if guarded {
        lower.g.data().component(opts.component).may_leave = false;
    }
    let lowered = if plan.result_spilled() {
        let retptr = args.last().map_or(0, |v| v.i32() as u32);
        let abi = types.get(ty);
        let mem_len = lower.mem().map_or(0, |m| m.len());
        check_ptr(retptr, abi.size, abi.align, mem_len, "the return area")
            .and_then(|()| result.store(&mut lower, ty, retptr))
    } else {
        let mut dst = FlatDst::new();
        result.lower_flat(&mut lower, ty, &mut dst).map(|()| {
            // At most one value: an element copy, not a call to memcpy.
            for (slot, v) in results.iter_mut().zip(dst.as_slice()) {
                *slot = *v;
            }
        })
    };
    if guarded {
        lower.g.data().component(opts.component).may_leave = true;
    }
    lowered
}

/// The flat results of an export, kept for its post-return.
pub(crate) struct FlatResults {
    vals: [CoreVal; 1],
    len: usize,
}

impl FlatResults {
    #[inline(always)]
    fn as_slice(&self) -> &[CoreVal] {
        &self.vals[..self.len]
    }
}

/// The first half of a lifted call: the callee must not be on the stack already; the arguments
/// are lowered into it (realloc may run, the callee may not leave), it runs, its result is
/// lifted, and it must have dropped every borrow it was given.
#[inline(always)]
fn export_call<T, G: GuestCx<State<T>> + ?Sized, P: LowerParams + ?Sized, R: Lift>(
    g: &mut G,
    plan: &FuncPlan,
    types: &Types,
    func: GuestFunc,
    opts: &CanonOptions,
    source: StringEncoding,
    params: &P,
) -> Result<(R, FlatResults), Trap> {
    let st = g.data().component(opts.component);
    if !st.may_enter {
        return Err(reentry_trap(opts.component));
    }
    st.may_enter = false;
    st.borrows = 0;
    let mut flat_args = FlatDst::new();
    {
        let mut lower = Lowerer { g: g.as_dyn(), types, opts, purpose: LowerFor::ExportArgs, source };
        // Only realloc can run guest code while the arguments are lowered.
        let guarded = plan.params_need_realloc;
        if guarded {
            lower.g.data().component(opts.component).may_leave = false;
        }
        let lowered = if plan.params_spilled() {
            let tuple = &plan.params_tuple;
            lower.alloc(tuple.align, tuple.size).and_then(|ptr| {
                flat_args.push_ptr(ptr);
                params.store(&mut lower, &plan.param_types, &plan.param_offsets, ptr)
            })
        } else {
            params.lower_flat(&mut lower, &plan.param_types, &mut flat_args)
        };
        if guarded {
            lower.g.data().component(opts.component).may_leave = true;
        }
        lowered?;
    }

    let mut flat = FlatResults { vals: [CoreVal::I32(0)], len: 1 };
    if let Some(results) = &plan.flat_result {
        if let Some(ty) = results.first() {
            flat.vals[0] = CoreVal::zero(*ty);
        }
        flat.len = results.len();
    }
    g.call(func, flat_args.as_slice(), &mut flat.vals[..flat.len])?;

    let result = {
        let (mem, st) = match opts.memory {
            Some(memory) if plan.needs_memory => g.memory_and_data(memory),
            _ => (None, g.data()),
        };
        let mem: &[u8] = mem.map(|m| &*m).unwrap_or(&[]);
        let st = st.component(opts.component);
        let mut lift = Lifter { mem, st, types, purpose: LiftFor::ExportResults, encoding: opts.encoding };
        match plan.result {
            None => R::lift_payload_flat(&mut lift, None, &mut FlatSrc::new(&[])),
            Some(ty) if plan.result_spilled() => {
                let ptr = flat.vals[0].i32() as u32;
                let abi = types.get(ty);
                check_ptr(ptr, abi.size, abi.align, lift.mem.len(), "the result area")?;
                R::load(&mut lift, ty, ptr)
            }
            Some(ty) => R::lift_flat(&mut lift, ty, &mut FlatSrc::new(flat.as_slice())),
        }?
    };
    let st = g.data().component(opts.component);
    if st.borrows != 0 {
        return Err(borrows_trap(st.borrows));
    }
    Ok((result, flat))
}

// The traps of the export protocol, out of line: the call path stays small.

#[cold]
#[inline(never)]
fn reentry_trap(component: ComponentIdx) -> Trap {
    trap(TrapClass::Reentry, format!("component instance {} is entered again while it is on the stack", component.0))
}

#[cold]
#[inline(never)]
fn borrows_trap(borrows: u32) -> Trap {
    trap(TrapClass::BorrowOutstanding, format!("the export returned with {borrows} borrowed handle(s) not dropped"))
}

/// The last half of a lifted call, once its result is delivered: post-return (the callee may not
/// leave), and the callee may be entered again.
#[inline(always)]
fn finish_export<T, G: GuestCx<State<T>> + ?Sized>(
    g: &mut G,
    opts: &CanonOptions,
    flat_results: &[CoreVal],
) -> Result<(), Trap> {
    if let Some(post) = opts.post_return {
        g.data().component(opts.component).may_leave = false;
        let posted = g.call(post, flat_results, &mut []);
        g.data().component(opts.component).may_leave = true;
        posted?;
    }
    g.data().component(opts.component).may_enter = true;
    Ok(())
}

/// A component's start function (no arguments, no results), called from the host while the
/// component is instantiated.
pub(crate) fn run_start<T, G: GuestCx<State<T>> + ?Sized>(
    g: &mut G,
    plan: &FuncPlan,
    types: &Types,
    func: GuestFunc,
    opts: &CanonOptions,
) -> Result<(), Trap> {
    let (MaybeVal(_), flat) = export_call::<T, G, _, MaybeVal>(g, plan, types, func, opts, StringEncoding::Utf8, &())?;
    finish_export(g, opts, flat.as_slice())
}

/// The world once a component has added its own types and plans to it, which the fused calls
/// made while it is being instantiated read when they run.
pub(crate) type LateWorld = Arc<std::sync::OnceLock<Arc<World>>>;

/// A call from one component instance into a function another lifted (a fused adapter): lift
/// the arguments with the caller's options, lower them with the callee's, run the callee, and the
/// result back the same way; handles move between the two instances' tables.
pub(crate) fn fused_trampoline<T: Send + 'static>(
    world: LateWorld,
    plan: FuncIdx,
    callee: GuestFunc,
    callee_opts: CanonOptions,
    caller_opts: CanonOptions,
) -> HostCall<State<T>> {
    Arc::new(move |g: &mut dyn GuestCx<State<T>>, args: &[CoreVal], results: &mut [CoreVal]| {
        let world =
            world.get().ok_or_else(|| trap(TrapClass::Host, "a component function was called before it was linked"))?;
        let fn_plan = world.func(plan);
        let types = &world.types;
        let mut call = |g: &mut dyn GuestCx<State<T>>| -> Result<(), Trap> {
            let (params, mark, _) = lift_import_args::<T, Vec<Val>, _>(g, fn_plan, types, &caller_opts, args)?;
            let (result, flat) = export_call::<T, _, _, MaybeVal>(
                g,
                fn_plan,
                types,
                callee,
                &callee_opts,
                caller_opts.encoding,
                &Vals(&params),
            )?;
            lower_import_result(g, fn_plan, types, &caller_opts, callee_opts.encoding, &result, args, results)?;
            finish_export(g, &callee_opts, flat.as_slice())?;
            end_lends(g.data().component(caller_opts.component), mark);
            Ok(())
        };
        call(g).map_err(|t| t.in_func(&fn_plan.wit))
    })
}

/// The dynamic host function made typed over `Vec<Val>` and `MaybeVal`: its result is checked
/// against the WIT type, since a wrong value from the host must not reach the guest.
pub(crate) fn dynamic_host<T: Send + 'static>(
    shared_types: Arc<World>,
    plan: FuncIdx,
    host: HostFunc<T>,
) -> TypedHostFunc<T, Vec<Val>, MaybeVal> {
    Arc::new(move |cx: &mut HostCx<'_, T>, args: Vec<Val>| {
        let mut result = None;
        host(cx, &args, &mut result)?;
        match (shared_types.func(plan).result, &result) {
            (None, None) => {}
            (Some(ty), Some(val)) => {
                let mut path = "result".to_string();
                typecheck(&shared_types.types, val, ty, &mut path)
                    .map_err(|m| trap(TrapClass::Host, format!("the host function returned a wrong value: {m}")))?;
            }
            (Some(_), None) => return Err(trap(TrapClass::Host, "the host function returned no value")),
            (None, Some(_)) => {
                return Err(trap(TrapClass::Host, "the host function returned a value for a function without results"));
            }
        }
        Ok(MaybeVal(result))
    })
}

/// What runs when the last own handle of a resource is dropped, decided at link time.
#[derive(Clone)]
pub(crate) enum Dtor<T> {
    Host(HostDtor<T>),
    /// The guest's destructor, which runs in the component instance that implements the resource.
    Guest(GuestFunc),
}

/// The host side of `new`, `rep` and `drop` for a resource type, in component instance
/// `component`.
pub(crate) fn intrinsic_trampoline<T: Send + 'static>(
    types: &Types,
    dtor: Option<Dtor<T>>,
    kind: ItemKind,
    resource: ResourceIdx,
    component: ComponentIdx,
) -> HostCall<State<T>> {
    let info = types.resource(resource);
    let implementer = info.implementer;
    let (iface, name) = info.wit.rsplit_once('#').unwrap_or(("", &info.wit));
    let sep = if iface.is_empty() { "" } else { "#" };
    let func = format!("{iface}{sep}[{}]{name}", kind.as_str());
    Arc::new(move |g: &mut dyn GuestCx<State<T>>, args: &[CoreVal], results: &mut [CoreVal]| {
        let arg = args.first().map_or(0, |v| v.i32() as u32);
        let st = g.data().component(component);
        let result = match kind {
            ItemKind::ResourceRep => st.table.get(arg, resource).map(|e| Some(e.rep)),
            _ if !st.may_leave => {
                Err(trap(TrapClass::MayLeave, "the guest called a resource intrinsic during realloc or post-return"))
            }
            ItemKind::ResourceNew => st.table.add(Entry { resource, rep: arg, own: true, lends: 0 }).map(Some),
            _ => drop_handle(g, dtor.as_ref(), resource, component, implementer, arg).map(|()| None),
        };
        match result {
            Ok(Some(v)) => {
                if let Some(slot) = results.first_mut() {
                    *slot = CoreVal::I32(v as i32);
                }
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(t) => Err(t.in_func(&func)),
        }
    })
}

/// `resource.drop`: a borrow handle just ends; the last own handle runs the destructor, in the
/// instance that implements the resource, which must not be on the stack when that is another.
fn drop_handle<T: Send + 'static>(
    g: &mut dyn GuestCx<State<T>>,
    dtor: Option<&Dtor<T>>,
    resource: ResourceIdx,
    component: ComponentIdx,
    implementer: Option<ComponentIdx>,
    handle: u32,
) -> Result<(), Trap> {
    let st = g.data().component(component);
    let entry = st.table.remove_any(handle, resource)?;
    if !entry.own {
        st.borrows = st.borrows.saturating_sub(1);
        return Ok(());
    }
    match (dtor, implementer) {
        (Some(Dtor::Host(dtor)), _) => dtor(&mut g.data().user, entry.rep),
        (Some(Dtor::Guest(dtor)), Some(imp)) if imp != component => {
            let callee = g.data().component(imp);
            if !callee.may_enter {
                return Err(trap(
                    TrapClass::Reentry,
                    format!("the destructor's component instance {} is on the stack", imp.0),
                ));
            }
            callee.may_enter = false;
            g.call(*dtor, &[CoreVal::I32(entry.rep as i32)], &mut [])?;
            g.data().component(imp).may_enter = true;
            Ok(())
        }
        // The guest drops the last handle to its own resource: its destructor runs right away.
        (Some(Dtor::Guest(dtor)), _) => g.call(*dtor, &[CoreVal::I32(entry.rep as i32)], &mut []),
        (None, Some(imp)) if imp != component && !g.data().component(imp).may_enter => {
            Err(trap(TrapClass::Reentry, format!("the resource's component instance {} is on the stack", imp.0)))
        }
        (None, _) => Ok(()),
    }
}

/// An import nothing provides, linked because the linker allows unknown imports.
pub(crate) fn unknown_import<D>(name: String) -> HostCall<D> {
    Arc::new(move |_: &mut dyn GuestCx<D>, _: &[CoreVal], _: &mut [CoreVal]| {
        Err(trap(TrapClass::Host, format!("`{name}` was called, but nothing provides it")))
    })
}
