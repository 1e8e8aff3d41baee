//! The narrow interface between the Canonical ABI and a core WebAssembly engine.
//!
//! The ABI layer never names an engine type. An engine adapter provides three things:
//! - instantiate a module with host functions for its imports (`Engine::instantiate`);
//! - call one of the module's exports by a number fixed at link time (`GuestCx::call`);
//! - lend the exported memory as a byte slice, together with the host state (`GuestCx::memory_and_data`).
//!
//! Both the instance (when the host calls in) and the engine's caller handle (when the guest calls
//! a host function) implement [`GuestCx`], so lifting and lowering are written once.

use std::sync::Arc;

use cm32_abi::{CoreSig, CoreType};

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

/// An export of the guest that the ABI layer calls, numbered in the order it asked for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GuestFunc(pub u32);

/// What a running guest offers the ABI layer. `D` is the ABI layer's per-instance state.
pub trait GuestCx<D> {
    fn data(&mut self) -> &mut D;

    /// The exported memory and the state at once; the memory is `None` before instantiation has
    /// finished (during the core `start` function) or when the module exports none.
    fn memory_and_data(&mut self) -> (Option<&mut [u8]>, &mut D);

    /// Calls an export. Values are type-correct by construction; the engine checks nothing.
    fn call(&mut self, func: GuestFunc, args: &[CoreVal], results: &mut [CoreVal]) -> Result<(), Trap>;
}

/// The host side of one core import: called with the guest's context and core arguments.
pub type HostCall<D> = Arc<dyn Fn(&mut dyn GuestCx<D>, &[CoreVal], &mut [CoreVal]) -> Result<(), Trap> + Send + Sync>;

/// One core import to satisfy.
pub struct ImportDef<D> {
    pub module: String,
    pub name: String,
    pub sig: CoreSig,
    pub call: HostCall<D>,
}

/// What instantiation needs besides the module bytes.
pub struct LinkPlan<D> {
    pub imports: Vec<ImportDef<D>>,
    /// Exports the ABI layer will call, by name; `GuestFunc(i)` is `exports[i]`.
    pub exports: Vec<String>,
    /// The exported memory's name, if the module has one.
    pub memory: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum InstantiateError {
    #[error("the engine rejected the module: {0}")]
    Module(String),
    #[error("{0}")]
    Trap(Trap),
}

/// A core WebAssembly engine.
pub trait Engine: Clone + Send + Sync + 'static {
    type Instance<D: Send + 'static>: GuestCx<D> + Send;

    /// Compiles, links and instantiates `wasm` (running its `start` function, during which the
    /// instance's memory is not yet available to host functions).
    fn instantiate<D: Send + 'static>(
        &self,
        wasm: &[u8],
        plan: LinkPlan<D>,
        data: D,
    ) -> Result<Self::Instance<D>, InstantiateError>;
}
