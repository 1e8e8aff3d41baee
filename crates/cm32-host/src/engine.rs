//! The narrow interface between the Canonical ABI and a core WebAssembly engine.
//!
//! The ABI layer never names an engine type. An engine adapter provides:
//! - compiled modules and stores (`Engine`);
//! - in a store, host functions, instances of modules linked to items of the store, and their
//!   exports (`Store`), all named by numbers;
//! - calls to functions the ABI layer reserved a number for, fixed at link time (`GuestCx::call`);
//! - a memory lent as a byte slice, together with the ABI's state (`GuestCx::memory_and_data`).
//!
//! Both the store (when the host calls in) and the engine's caller handle (when the guest calls a
//! host function) implement [`GuestCx`], so lifting and lowering are written once.

use std::sync::Arc;
use std::time::Duration;

use cm32_abi::{CoreSig, CoreType};

use crate::limits::{EngineOptions, Limits};
use crate::trap::Trap;

/// A core value at the engine boundary. Floats travel as their bits so that NaN payloads survive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreVal {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
}

impl CoreVal {
    pub fn zero(ty: CoreType) -> CoreVal {
        match ty {
            CoreType::I32 => CoreVal::I32(0),
            CoreType::I64 => CoreVal::I64(0),
            CoreType::F32 => CoreVal::F32(0),
            CoreType::F64 => CoreVal::F64(0),
        }
    }

    pub fn ty(self) -> CoreType {
        match self {
            CoreVal::I32(_) => CoreType::I32,
            CoreVal::I64(_) => CoreType::I64,
            CoreVal::F32(_) => CoreType::F32,
            CoreVal::F64(_) => CoreType::F64,
        }
    }

    /// The value as an i32, for the slots that hold pointers, lengths and discriminants.
    #[inline(always)]
    pub fn i32(self) -> i32 {
        // The I32 case first and alone: it is nearly every call, and a jump table over the four
        // cases costs more than the conversion.
        if let CoreVal::I32(v) = self {
            return v;
        }
        match self {
            CoreVal::I64(v) => v as i32,
            CoreVal::F32(v) => v as i32,
            CoreVal::F64(v) => v as i32,
            CoreVal::I32(v) => v,
        }
    }

    pub fn i64(self) -> i64 {
        match self {
            CoreVal::I32(v) => v as u32 as i64,
            CoreVal::I64(v) => v,
            CoreVal::F32(v) => v as i64,
            CoreVal::F64(v) => v as i64,
        }
    }
}

/// A function the ABI layer calls (a realloc, a post-return, a lifted export, a destructor): a
/// slot in the store, numbered as the ABI layer reserved it, and filled once the core instance
/// that defines it exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GuestFunc(pub u32);

/// A memory the ABI layer reads and writes: a slot like [`GuestFunc`]. Until it is filled (while
/// its instance's core `start` function runs), lifting and lowering through it trap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CoreMemory(pub u32);

/// Anything a core instance can import or export (function, memory, table, global), as the store
/// numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CoreItem(pub u32);

/// A core instance in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CoreInstance(pub u32);

/// What a running guest offers the ABI layer. `D` is the ABI layer's state of the whole store.
pub trait GuestCx<D> {
    fn data(&mut self) -> &mut D;

    /// A memory and the state at once; the memory is `None` while its slot is empty (during the
    /// core `start` function of the instance that defines it).
    fn memory_and_data(&mut self, memory: CoreMemory) -> (Option<&mut [u8]>, &mut D);

    /// Calls a function. Values are type-correct by construction; the engine checks nothing.
    fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap>;

    /// The same context behind dynamic dispatch, for code written once for every engine (the
    /// `Lowerer`), where the call path itself stays statically dispatched.
    fn as_dyn(&mut self) -> &mut dyn GuestCx<D>;
}

/// The host side of one core import: called with the guest's context and core arguments. Each
/// engine adapter calls it from a host function of its own, statically: the ABI's trampolines
/// implement it, and nothing between the engine and the host's closure is a dynamic call.
pub trait HostCallFn<D>: Send + Sync + 'static {
    fn call<G: GuestCx<D> + ?Sized>(&self, g: &mut G, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap>;
}

/// A host call behind dynamic dispatch, for the trampolines that are not worth a type of their
/// own (resource intrinsics, fused calls, imports nothing provides).
pub type HostCall<D> = Arc<dyn Fn(&mut dyn GuestCx<D>, &[CoreVal], &mut [CoreVal]) -> Result<(), Trap> + Send + Sync>;

impl<D: 'static> HostCallFn<D> for HostCall<D> {
    fn call<G: GuestCx<D> + ?Sized>(&self, g: &mut G, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap> {
        self(g.as_dyn(), args, results)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InstantiateError {
    #[error("the engine rejected the module: {0}")]
    Module(String),
    #[error("{0}")]
    Trap(Trap),
    /// A limit the engine was not built to enforce.
    #[error("{0}")]
    Limits(String),
}

/// A core WebAssembly engine: it compiles modules, and makes stores in which the ABI layer
/// instantiates and links them.
pub trait Engine: Clone + Send + Sync + 'static {
    /// A compiled module, to instantiate any number of times.
    type Module: Clone + Send + Sync + 'static;
    /// A host function made once for any number of stores (wasmtime compiles the trampoline of
    /// a dynamically typed one: once, at link time, rather than in every store).
    type HostFunc<D: Send + 'static>: Send + Sync + 'static;
    type Store<D: Send + 'static>: Store<D, Module = Self::Module, HostFunc = Self::HostFunc<D>>;

    /// A host function of core type `sig`, for [`Store::host_func`].
    fn host_func<D: Send + 'static, C: HostCallFn<D>>(&self, sig: &CoreSig, call: C) -> Self::HostFunc<D>;

    fn compile(&self, wasm: &[u8]) -> Result<Self::Module, InstantiateError>;

    /// The imports of `module` as (module, name), in the order [`Store::instantiate`] takes
    /// them (which need not be the binary's: wasmi orders them by kind).
    fn imports(&self, module: &Self::Module) -> Vec<(String, String)>;

    /// What the engine was built to count.
    fn options(&self) -> EngineOptions;

    fn new_store<D: Send + 'static>(&self, data: D) -> Self::Store<D>;
}

/// One store: core instances, the host functions they import, and the items they pass each other.
/// Core instances link to each other's items directly, as the engine links modules; only host
/// functions (the Canonical ABI's trampolines) come from the ABI layer.
pub trait Store<D>: GuestCx<D> + Send {
    type Module;
    type HostFunc;

    /// The host function `func` (from [`Engine::host_func`]) as an item of this store.
    fn host_func(&mut self, func: &Self::HostFunc) -> CoreItem;

    /// Instantiates `module` with `imports`, one item for each of its imports in the order
    /// [`Engine::imports`] gives, and runs its `start` function.
    fn instantiate(&mut self, module: &Self::Module, imports: &[CoreItem]) -> Result<CoreInstance, InstantiateError>;

    /// The export `name` of `instance`.
    fn export(&mut self, instance: CoreInstance, name: &str) -> Option<CoreItem>;

    /// An empty function slot, for a function whose instance does not exist yet.
    fn reserve_func(&mut self) -> GuestFunc;

    /// Fills a function slot with `item`, which must be a function.
    fn set_func(&mut self, slot: GuestFunc, item: CoreItem) -> Result<(), InstantiateError>;

    /// An empty memory slot.
    fn reserve_memory(&mut self) -> CoreMemory;

    /// Fills a memory slot with `item`, which must be a memory.
    fn set_memory(&mut self, slot: CoreMemory, item: CoreItem) -> Result<(), InstantiateError>;

    /// Applies the engine's share of `limits` (fuel, deadline, memory and table sizes) before
    /// anything is instantiated; fails if the engine was not built to count what they need.
    fn set_limits(&mut self, limits: &Limits) -> Result<(), InstantiateError>;

    /// The fuel left, if the engine counts fuel.
    fn fuel(&mut self) -> Option<u64>;

    /// Gives the store `fuel` units of fuel, replacing what was left.
    fn set_fuel(&mut self, fuel: u64) -> Result<(), InstantiateError>;

    /// Sets the deadline `timeout` from now.
    fn set_timeout(&mut self, timeout: Duration) -> Result<(), InstantiateError>;
}
