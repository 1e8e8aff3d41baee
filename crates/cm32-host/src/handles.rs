//! Typed handles, for hosts written with `bindgen!`: `Resource<T>` for a resource the host
//! implements (the guest imports it), `GuestResource<T>` for one the guest implements (it
//! exports it). `T` is the Rust type standing for the WIT resource; it only keeps resources of
//! different types apart in the host's code. What the guest passes is checked by the handle table
//! as always.

use std::fmt;
use std::marker::PhantomData;

use crate::abi::{FlatDst, FlatSrc, Lifter, Lowerer};
use crate::engine::{CoreVal, Engine};
use crate::instance::{CallError, Instance};
use crate::trap::{Trap, TrapClass, trap};
use crate::typed::{Lift, Lower, WitType};
use crate::types::{AbiKind, ResourceIdx, Side, TypeIdx, Types};
use crate::val::ResourceAny;

/// A resource the host implements, as the host sees it: its representation (the host's own
/// number, an index into its table, say) and whether this is the owning handle or a borrow.
///
/// Like wasmtime's `Resource<T>`: not `Clone`, because an owning handle given to the guest
/// twice would be two owners of one representation.
pub struct Resource<T> {
    rep: u32,
    owned: bool,
    _type: PhantomData<fn() -> T>,
}

impl<T> Resource<T> {
    /// An owning handle, for the host to return to the guest.
    pub fn new_own(rep: u32) -> Self {
        Resource { rep, owned: true, _type: PhantomData }
    }

    /// A borrowed handle, for the host to lend to the guest in a call.
    pub fn new_borrow(rep: u32) -> Self {
        Resource { rep, owned: false, _type: PhantomData }
    }

    pub fn rep(&self) -> u32 {
        self.rep
    }

    pub fn owned(&self) -> bool {
        self.owned
    }
}

impl<T> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.owned { "own" } else { "borrow" };
        write!(f, "Resource<{}>({kind} {})", std::any::type_name::<T>(), self.rep)
    }
}

/// The resource type behind an `own` or `borrow` type, and whether it is `own`.
fn handle_type(types: &Types, ty: TypeIdx) -> Result<(ResourceIdx, bool), Trap> {
    match types.get(ty).kind {
        AbiKind::Own(r) => Ok((r, true)),
        AbiKind::Borrow(r) => Ok((r, false)),
        _ => Err(trap(TrapClass::Host, "not a handle type")),
    }
}

fn check_handle(types: &Types, ty: TypeIdx, side: Side, rust: &str) -> Result<(), String> {
    match types.get(ty).kind {
        AbiKind::Own(r) | AbiKind::Borrow(r) if types.resource(r).side == side => Ok(()),
        _ => Err(format!("the Rust type {rust} does not fit the WIT type {}", types.get(ty).name)),
    }
}

impl<T> WitType for Resource<T> {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        check_handle(types, ty, Side::Host, "Resource (a resource the host implements)")
    }
}

impl<T> Resource<T> {
    fn lift_handle(cx: &mut Lifter<'_>, ty: TypeIdx, handle: u32) -> Result<Self, Trap> {
        let (resource, own) = handle_type(cx.types(), ty)?;
        if own {
            cx.lift_own(resource, handle).map(|r| Resource::new_own(r.rep))
        } else {
            cx.lift_borrow(resource, handle).map(|r| Resource::new_borrow(r.rep))
        }
    }

    fn lower_handle<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx) -> Result<u32, Trap> {
        let (resource, own) = handle_type(cx.types(), ty)?;
        let any = ResourceAny { ty: resource, rep: self.rep };
        match (own, self.owned) {
            (true, true) => cx.lower_own(any),
            (false, _) => cx.lower_borrow(any),
            (true, false) => {
                Err(trap(TrapClass::Host, "the host passed a borrowed resource where the guest takes ownership"))
            }
        }
    }
}

impl<T> Lift for Resource<T> {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        let handle = src.next()?.i32() as u32;
        Self::lift_handle(cx, ty, handle)
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        let handle = cx.u32_at(ptr)?;
        Self::lift_handle(cx, ty, handle)
    }
}

impl<T> Lower for Resource<T> {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        let handle = self.lower_handle(cx, ty)?;
        dst.push(CoreVal::I32(handle as i32))
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        let handle = self.lower_handle(cx, ty)?;
        cx.write(ptr, &handle.to_le_bytes())
    }
}

/// A resource the guest implements, held by the host: it names the guest's resource, which the
/// host passes back in calls and drops with [`GuestResource::resource_drop`].
pub struct GuestResource<T> {
    resource: ResourceAny,
    _type: PhantomData<fn() -> T>,
}

impl<T> GuestResource<T> {
    /// The untyped resource, for the dynamic API.
    pub fn any(&self) -> ResourceAny {
        self.resource
    }

    /// Drops the host's handle: the guest's destructor runs, in the instance that implements it.
    pub fn resource_drop<D: Send + 'static, E: Engine>(self, instance: &mut Instance<D, E>) -> Result<(), CallError> {
        instance.drop_resource(self.resource)
    }
}

impl<T> Clone for GuestResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for GuestResource<T> {}

impl<T> PartialEq for GuestResource<T> {
    fn eq(&self, other: &Self) -> bool {
        self.resource == other.resource
    }
}

impl<T> Eq for GuestResource<T> {}

impl<T> fmt::Debug for GuestResource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuestResource<{}>({})", std::any::type_name::<T>(), self.resource.rep)
    }
}

impl<T> WitType for GuestResource<T> {
    fn check(types: &Types, ty: TypeIdx) -> Result<(), String> {
        check_handle(types, ty, Side::Guest, "GuestResource (a resource the guest implements)")
    }
}

impl<T> Lift for GuestResource<T> {
    fn lift_flat(cx: &mut Lifter<'_>, ty: TypeIdx, src: &mut FlatSrc<'_>) -> Result<Self, Trap> {
        ResourceAny::lift_flat(cx, ty, src).map(|resource| GuestResource { resource, _type: PhantomData })
    }
    fn load(cx: &mut Lifter<'_>, ty: TypeIdx, ptr: u32) -> Result<Self, Trap> {
        ResourceAny::load(cx, ty, ptr).map(|resource| GuestResource { resource, _type: PhantomData })
    }
}

impl<T> Lower for GuestResource<T> {
    fn lower_flat<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, dst: &mut FlatDst) -> Result<(), Trap> {
        self.resource.lower_flat(cx, ty, dst)
    }
    fn store<U>(&self, cx: &mut Lowerer<'_, U>, ty: TypeIdx, ptr: u32) -> Result<(), Trap> {
        self.resource.store(cx, ty, ptr)
    }
}
