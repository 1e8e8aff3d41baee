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
}

/// Where an input stream reads from.
pub enum Input {
    Stdin,
    File { file: Arc<std::fs::File>, offset: u64 },
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
}

/// What a pollable waits for.
#[derive(Clone, Copy)]
pub enum Pollable {
    /// Streams on stdio are always ready: their operations block instead.
    Ready,
    Deadline(Instant),
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
