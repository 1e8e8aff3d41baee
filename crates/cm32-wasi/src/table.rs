//! The WASI resources of one instance, keyed by representation.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// One WASI resource.
pub enum Entry {
    InputStream(Input),
    OutputStream(Output),
    Pollable(Pollable),
    Error(String),
    Descriptor(crate::filesystem::Descriptor),
    DirectoryStream(std::vec::IntoIter<(String, &'static str)>),
    Network,
    TcpSocket(crate::sockets::Tcp),
    UdpSocket(crate::sockets::Udp),
    IncomingDatagrams(Arc<socket2::Socket>),
    OutgoingDatagrams(Arc<socket2::Socket>, Option<std::net::SocketAddr>),
    ResolveStream(std::vec::IntoIter<std::net::IpAddr>),
}

/// Where an input stream reads from.
pub enum Input {
    Stdin,
    File { file: Arc<std::fs::File>, offset: u64 },
    Socket(Arc<socket2::Socket>),
}

/// An output stream: where it writes, and how much `check-write` has permitted.
pub struct Output {
    pub(crate) target: Target,
    pub(crate) budget: u64,
}

pub enum Target {
    Stdout,
    Stderr,
    /// A file, written at `offset` (which moves on), or at its end when `offset` is `None`.
    File {
        file: Arc<std::fs::File>,
        offset: Option<u64>,
    },
    Socket(Arc<socket2::Socket>),
}

/// What a pollable waits for.
#[derive(Clone)]
pub enum Pollable {
    /// Streams on stdio and files are always ready: their operations block instead.
    Ready,
    Deadline(Instant),
    /// A socket becoming readable (`POLLIN`) or writable (`POLLOUT`).
    Socket(Arc<socket2::Socket>, i16),
}

#[derive(Default)]
pub struct Table {
    entries: HashMap<u32, Entry>,
    next: u32,
}

impl Table {
    pub fn insert(&mut self, entry: Entry) -> u32 {
        self.next = self.next.wrapping_add(1).max(1);
        while self.entries.contains_key(&self.next) {
            self.next = self.next.wrapping_add(1).max(1);
        }
        self.entries.insert(self.next, entry);
        self.next
    }

    pub fn get(&mut self, rep: u32) -> Option<&mut Entry> {
        self.entries.get_mut(&rep)
    }

    pub fn remove(&mut self, rep: u32) -> Option<Entry> {
        self.entries.remove(&rep)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
