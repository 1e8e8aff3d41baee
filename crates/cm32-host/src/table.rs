//! The instance's handle table: one for all resource types, as on the spec's main branch.

use crate::trap::{Trap, TrapClass, trap};
use crate::types::ResourceIdx;

/// Handles index a table of at most this many entries (the spec's limit).
const MAX_HANDLES: usize = (1 << 28) - 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub resource: ResourceIdx,
    pub rep: u32,
    pub own: bool,
    /// How many calls in progress borrow this own handle.
    pub lends: u32,
}

#[derive(Debug)]
pub struct HandleTable {
    /// Slot 0 is never used, so that 0 is never a valid handle.
    slots: Vec<Option<Entry>>,
    /// Freed slots, reused last-in first-out.
    free: Vec<u32>,
    /// The most live handles the embedder allows (`Limits::max_handles`).
    limit: Option<usize>,
}

impl Default for HandleTable {
    fn default() -> Self {
        HandleTable { slots: vec![None], free: Vec::new(), limit: None }
    }
}

impl HandleTable {
    pub fn with_limit(limit: Option<usize>) -> Self {
        HandleTable { limit, ..HandleTable::default() }
    }

    pub fn add(&mut self, entry: Entry) -> Result<u32, Trap> {
        if let Some(limit) = self.limit
            && self.live() >= limit
        {
            return Err(trap(
                TrapClass::Limit,
                format!("one handle more than the limit {}", crate::limits::Limit::MaxHandles(limit)),
            ));
        }
        if let Some(i) = self.free.pop() {
            self.slots[i as usize] = Some(entry);
            return Ok(i);
        }
        if self.slots.len() > MAX_HANDLES {
            return Err(trap(TrapClass::Handle, "the handle table is full"));
        }
        self.slots.push(Some(entry));
        Ok(self.slots.len() as u32 - 1)
    }

    /// The live entry at `handle`, which must be of resource type `resource`.
    pub fn get(&mut self, handle: u32, resource: ResourceIdx) -> Result<&mut Entry, Trap> {
        let entry = self
            .slots
            .get_mut(handle as usize)
            .and_then(Option::as_mut)
            .ok_or_else(|| trap(TrapClass::Handle, format!("handle {handle} is not a live handle")))?;
        if entry.resource != resource {
            return Err(trap(TrapClass::Handle, format!("handle {handle} is of another resource type")));
        }
        Ok(entry)
    }

    /// Removes the entry at `handle`: it must be of type `resource`, not lent out, and own or
    /// borrow as `own` says.
    pub fn remove(&mut self, handle: u32, resource: ResourceIdx, own: bool) -> Result<Entry, Trap> {
        let entry = *self.get(handle, resource)?;
        if entry.lends != 0 {
            return Err(trap(TrapClass::Lend, format!("handle {handle} is lent out to a call in progress")));
        }
        if entry.own != own {
            let (want, have) = if own { ("an own", "a borrow") } else { ("a borrow", "an own") };
            return Err(trap(
                TrapClass::Handle,
                format!("handle {handle} is {have} handle where {want} handle is needed"),
            ));
        }
        self.slots[handle as usize] = None;
        self.free.push(handle);
        Ok(entry)
    }

    /// Removes an entry whose ownership does not matter (a `drop` intrinsic takes either).
    pub fn remove_any(&mut self, handle: u32, resource: ResourceIdx) -> Result<Entry, Trap> {
        let own = self.get(handle, resource)?.own;
        self.remove(handle, resource, own)
    }

    /// The number of live handles.
    pub fn live(&self) -> usize {
        // Slot 0 is never live; every other slot is live or on the free list.
        self.slots.len() - 1 - self.free.len()
    }
}

impl HandleTable {
    /// Ends one lend of `handle`; the handle was live when lent and cannot have been removed since.
    pub fn unlend(&mut self, handle: u32) {
        if let Some(Some(entry)) = self.slots.get_mut(handle as usize) {
            entry.lends = entry.lends.saturating_sub(1);
        }
    }
}
