//! The WASI resources of one instance, keyed by representation: a slab with last-in first-out
//! reuse, a limit on live entries, and parent links, so that a resource cannot be dropped while a
//! pollable or stream made from it lives.

use std::sync::Arc;
use std::time::Instant;

use cm32_host::{Trap, TrapClass};

use crate::bindings::wasi::filesystem::types::DescriptorType;
use crate::ext::{Readiness, StreamSink, StreamSource};
use crate::filesystem::Descriptor;
use crate::sockets::{Connection, Incoming, Outgoing, Tcp, Udp};

/// One WASI resource.
pub(crate) enum Entry {
    InputStream(InputStream),
    OutputStream(OutputStream),
    Pollable(Pollable),
    Error(IoError),
    Descriptor(Descriptor),
    DirectoryStream(std::vec::IntoIter<(String, DescriptorType)>),
    Network,
    TcpSocket(Tcp),
    UdpSocket(Udp),
    IncomingDatagrams(Incoming),
    OutgoingDatagrams(Outgoing),
    ResolveStream(std::vec::IntoIter<std::net::IpAddr>),
    /// A resource of another crate (`crate::ext`), with its WIT name.
    Other {
        kind: &'static str,
        value: Box<dyn std::any::Any + Send>,
    },
}

impl Entry {
    /// The WIT name of the resource, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Entry::InputStream(_) => "input-stream",
            Entry::OutputStream(_) => "output-stream",
            Entry::Pollable(_) => "pollable",
            Entry::Error(_) => "error",
            Entry::Descriptor(_) => "descriptor",
            Entry::DirectoryStream(_) => "directory-entry-stream",
            Entry::Network => "network",
            Entry::TcpSocket(_) => "tcp-socket",
            Entry::UdpSocket(_) => "udp-socket",
            Entry::IncomingDatagrams(_) => "incoming-datagram-stream",
            Entry::OutgoingDatagrams(_) => "outgoing-datagram-stream",
            Entry::ResolveStream(_) => "resolve-address-stream",
            Entry::Other { kind, .. } => kind,
        }
    }
}

/// A `wasi:io/error` (the payload of `stream-error::last-operation-failed`): what failed, and the
/// OS error behind it, which `filesystem-error-code` and `network-error-code` translate.
pub(crate) struct IoError {
    pub(crate) message: String,
    pub(crate) os: std::io::Error,
}

/// An input stream: where it reads from, and whether it has reported `closed` (which sticks).
pub(crate) struct InputStream {
    pub(crate) source: Source,
    pub(crate) closed: bool,
}

/// Where an input stream reads from.
pub(crate) enum Source {
    Stdin,
    File { file: Arc<std::fs::File>, offset: u64 },
    Socket(Arc<Connection>),
    Other(Box<dyn StreamSource>),
}

/// An output stream: where it writes, how much `check-write` has permitted, and whether it has
/// reported `closed` or failed (both stick).
pub(crate) struct OutputStream {
    pub(crate) target: Target,
    pub(crate) budget: u64,
    pub(crate) closed: bool,
}

pub(crate) enum Target {
    Stdout,
    Stderr,
    /// A file, written at `offset` (which moves on), or at its end when `offset` is `None`.
    File {
        file: Arc<std::fs::File>,
        offset: Option<u64>,
    },
    Socket(Arc<Connection>),
    Other(Box<dyn StreamSink>),
}

/// What a pollable waits for.
#[derive(Clone)]
pub(crate) enum Pollable {
    /// Streams on stdio and files are always ready: their operations block instead.
    Ready,
    Deadline(Instant),
    /// A socket becoming readable (`POLLIN`) or writable (`POLLOUT`).
    Socket(Arc<socket2::Socket>, i16),
    /// An event of another crate, which rings the instance's bell when it happens.
    Other(Arc<dyn Readiness>),
}

struct Slot {
    entry: Entry,
    /// The resource this one was made from (a pollable's subject, a socket's stream).
    parent: Option<u32>,
    /// Resources made from this one that are still alive.
    children: Vec<u32>,
}

/// The table. Representation `r` lives in `slots[r - 1]`, so that 0 is never a representation.
pub(crate) struct Table {
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    live: usize,
    limit: usize,
}

impl Default for Table {
    fn default() -> Self {
        Table::with_limit(usize::MAX)
    }
}

impl Table {
    pub(crate) fn with_limit(limit: usize) -> Table {
        Table { slots: Vec::new(), free: Vec::new(), live: 0, limit }
    }

    pub(crate) fn insert(&mut self, entry: Entry) -> Result<u32, Trap> {
        self.insert_slot(Slot { entry, parent: None, children: Vec::new() })
    }

    /// Inserts a resource made from `parent` (a pollable by `subscribe`, a socket's stream), which
    /// cannot be dropped while this one lives.
    pub(crate) fn insert_child(&mut self, entry: Entry, parent: u32) -> Result<u32, Trap> {
        if self.slot(parent).is_none() {
            return Err(Trap::new(TrapClass::Host, format!("rep {parent} is not a live resource")));
        }
        let rep = self.insert_slot(Slot { entry, parent: Some(parent), children: Vec::new() })?;
        if let Some(slot) = self.slot(parent) {
            slot.children.push(rep);
        }
        Ok(rep)
    }

    fn insert_slot(&mut self, slot: Slot) -> Result<u32, Trap> {
        if self.live >= self.limit {
            return Err(Trap::new(
                TrapClass::Limit,
                format!(
                    "a new {} would pass the limit of {} live WASI resources in this instance (drop \
                     resources the program no longer needs, or raise the limit)",
                    slot.entry.kind(),
                    self.limit
                ),
            ));
        }
        self.live += 1;
        match self.free.pop() {
            Some(rep) => {
                self.slots[rep as usize - 1] = Some(slot);
                Ok(rep)
            }
            None => {
                self.slots.push(Some(slot));
                Ok(self.slots.len() as u32)
            }
        }
    }

    fn slot(&mut self, rep: u32) -> Option<&mut Slot> {
        self.slots.get_mut((rep as usize).checked_sub(1)?)?.as_mut()
    }

    pub(crate) fn get(&mut self, rep: u32) -> Option<&mut Entry> {
        self.slot(rep).map(|s| &mut s.entry)
    }

    /// Removes an entry; a resource whose pollables or streams still live cannot go (the WIT lets
    /// the host trap, and wasmtime does).
    pub(crate) fn remove(&mut self, rep: u32) -> Result<Entry, Trap> {
        let Some(slot) = self.slot(rep) else {
            return Err(Trap::new(TrapClass::Host, format!("rep {rep} is not a live resource")));
        };
        if let Some(&child) = slot.children.first() {
            let kind = slot.entry.kind();
            let child_kind = self.slot(child).map_or("resource", |c| c.entry.kind());
            let how = if child_kind == "pollable" { " by `subscribe`" } else { "" };
            return Err(Trap::new(
                TrapClass::Host,
                format!(
                    "cannot drop {kind} {rep}: {child_kind} {child}, made from it{how}, is still alive (drop the \
                     {child_kind} first)"
                ),
            ));
        }
        let slot = self.slots[rep as usize - 1].take().expect("the slot is live");
        self.free.push(rep);
        self.live -= 1;
        if let Some(parent) = slot.parent
            && let Some(p) = self.slot(parent)
        {
            p.children.retain(|c| *c != rep);
        }
        Ok(slot.entry)
    }

    /// A live resource of kind `kind` (as [`Entry::kind`] names it) made from `parent`.
    pub(crate) fn child_of_kind(&mut self, parent: u32, kind: &str) -> Option<u32> {
        let children = self.slot(parent)?.children.clone();
        children.into_iter().find(|c| self.get(*c).is_some_and(|e| e.kind() == kind))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reps_start_at_one_and_are_reused_last_in_first_out() {
        let mut t = Table::default();
        assert_eq!(t.insert(Entry::Network).unwrap(), 1);
        assert_eq!(t.insert(Entry::Network).unwrap(), 2);
        assert_eq!(t.insert(Entry::Network).unwrap(), 3);
        t.remove(1).unwrap();
        t.remove(3).unwrap();
        assert_eq!(t.insert(Entry::Network).unwrap(), 3);
        assert_eq!(t.insert(Entry::Network).unwrap(), 1);
        assert_eq!(t.insert(Entry::Network).unwrap(), 4);
        assert_eq!(t.len(), 4);
        assert!(t.get(0).is_none());
        assert!(t.remove(0).is_err());
        assert!(t.remove(9).is_err());
    }

    #[test]
    fn a_parent_outlives_its_pollables() {
        let mut t = Table::default();
        let parent = t.insert(Entry::Network).unwrap();
        let a = t.insert_child(Entry::Pollable(Pollable::Ready), parent).unwrap();
        let b = t.insert_child(Entry::Pollable(Pollable::Ready), parent).unwrap();
        let err = t.remove(parent).err().unwrap();
        assert_eq!(err.class, TrapClass::Host);
        assert_eq!(
            err.message(),
            "cannot drop network 1: pollable 2, made from it by `subscribe`, is still alive (drop the pollable first)"
        );
        t.remove(a).unwrap();
        assert_eq!(
            t.remove(parent).err().unwrap().message().split(':').nth(1),
            Some(" pollable 3, made from it by `subscribe`, is still alive (drop the pollable first)")
        );
        t.remove(b).unwrap();
        t.remove(parent).unwrap();
        assert_eq!(t.len(), 0);
    }

    #[test]
    fn the_limit_counts_live_entries() {
        let mut t = Table::with_limit(2);
        let a = t.insert(Entry::Network).unwrap();
        t.insert_child(Entry::Pollable(Pollable::Ready), a).unwrap();
        let err = t.insert(Entry::Network).err().unwrap();
        assert_eq!(err.class, TrapClass::Limit);
        assert_eq!(
            err.message(),
            "a new network would pass the limit of 2 live WASI resources in this instance (drop resources the \
             program no longer needs, or raise the limit)"
        );
        t.remove(2).unwrap();
        assert_eq!(t.insert(Entry::Network).unwrap(), 2);
    }
}
