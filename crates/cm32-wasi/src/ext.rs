//! What other crates build on WASI (wasi:http does): resources of their own in the instance's
//! table, with the same parent links and limit as WASI's; `wasi:io` streams over sources and
//! sinks of their own; and pollables over events of their own.
//!
//! WASI here is synchronous: a blocking call blocks the thread that runs the guest. Events from
//! elsewhere (another thread, an async runtime) reach a waiting guest through the instance's
//! [`Bell`]: whoever makes a source readable, a sink writable or a pollable ready rings it, and
//! `poll` (or a blocking read or write) wakes and asks again.

use std::any::Any;
use std::io::{Read as _, Write as _};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{Ordering, fence};
use std::sync::{Arc, OnceLock};

use cm32_host::{Resource, Trap, TrapClass};

use crate::WasiCtx;
use crate::bindings::wasi::io::{poll, streams};
use crate::table::{Entry, Pollable, Source, Target};

/// Wakes a guest that waits in `poll` or in a blocking stream call. Cheap to clone; ringing it
/// from any thread is safe, and a ring that finds nobody waiting is kept for the next wait.
///
/// The socket pair a waiter sleeps on is made by the first wait, not with the bell: most
/// instances (a request whose body is already there, a response that fits the pipe) never wait,
/// and a server makes a bell for every request.
#[derive(Clone, Default)]
pub struct Bell {
    /// The waiting side reads the first socket; ringing writes to the second.
    sockets: Arc<OnceLock<(UnixStream, UnixStream)>>,
}

impl Bell {
    /// Says that something may have changed. Never blocks: a full socket already holds a ring.
    pub fn ring(&self) {
        // With the fence in `arm`: either this ring sees the sockets, or the waiter, which armed
        // the bell before it looks, sees the change this ring is for.
        fence(Ordering::SeqCst);
        if let Some((_, ring)) = self.sockets.get() {
            let _ = (&*ring).write(&[1]);
        }
    }

    /// Makes the bell ready to wait on (its sockets, on first use) and returns the descriptor a
    /// waiter polls. Call it before looking at what is waited for.
    pub(crate) fn arm(&self) -> std::io::Result<RawFd> {
        let sockets = match self.sockets.get() {
            Some(sockets) => sockets,
            None => {
                let (wait, ring) = UnixStream::pair()?;
                wait.set_nonblocking(true)?;
                ring.set_nonblocking(true)?;
                // Should another waiter have armed it meanwhile, its sockets stay and these go.
                self.sockets.get_or_init(|| (wait, ring))
            }
        };
        fence(Ordering::SeqCst);
        Ok(sockets.0.as_raw_fd())
    }

    /// Forgets the rings so far: a waiter silences the bell, then looks at what it waits for,
    /// then waits for the bell, so that no ring between the look and the wait is lost.
    pub(crate) fn silence(&self) {
        if let Some((wait, _)) = self.sockets.get() {
            let mut buf = [0u8; 64];
            while matches!((&*wait).read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

/// Whether an event has happened: what a pollable of another crate asks. Whoever makes it true
/// rings the instance's [`Bell`].
pub trait Readiness: Send + Sync {
    fn is_ready(&self) -> bool;
}

/// Why a stream cannot go on: it has ended (`closed` to the guest), or failed (the guest gets an
/// `error` resource with this message and `last-operation-failed`). Both are final.
#[derive(Debug)]
pub enum StreamEnd {
    Closed,
    Failed(std::io::Error),
}

/// Where an input stream of another crate reads from. Reads never block: [`StreamSource::read`]
/// returns what is there, and WASI waits on the bell for a blocking read.
pub trait StreamSource: Send {
    /// Up to `max` bytes (at least one), or none if nothing has arrived yet.
    fn read(&mut self, max: usize) -> Result<Vec<u8>, StreamEnd>;
    /// Whether a read would return bytes or the end.
    fn is_ready(&self) -> bool;
    /// What a pollable from `subscribe` asks.
    fn readiness(&self) -> Arc<dyn Readiness>;
}

/// Where an output stream of another crate writes. Nothing blocks here either.
pub trait StreamSink: Send {
    /// How many bytes the sink takes now (0: none yet, wait for its readiness).
    fn capacity(&mut self) -> Result<u64, StreamEnd>;
    /// Writes bytes within the capacity last given.
    fn write(&mut self, bytes: Vec<u8>) -> Result<(), StreamEnd>;
    /// Whether the capacity is above zero, or the sink has ended.
    fn is_ready(&self) -> bool;
    /// What a pollable from `subscribe` asks.
    fn readiness(&self) -> Arc<dyn Readiness>;
}

/// The trap for a bell that cannot be waited on (the process is out of descriptors).
pub(crate) fn cannot_wait(e: std::io::Error) -> Trap {
    Trap::new(TrapClass::Host, format!("cannot wait for an event: {e}"))
}

/// The trap for a representation that is not a live resource of the kind asked for.
fn not_a(kind: &str, rep: u32) -> Trap {
    Trap::new(TrapClass::Host, format!("rep {rep} is not a live {kind}"))
}

impl WasiCtx {
    /// The instance's bell.
    pub fn bell(&mut self) -> Bell {
        self.bell.get_or_insert_with(Bell::default).clone()
    }

    /// Waits until `ready` says so, on the bell (which whoever changes the answer rings).
    pub(crate) fn wait_until(&mut self, mut ready: impl FnMut(&mut WasiCtx) -> bool) -> Result<(), Trap> {
        let bell = self.bell();
        let fd = bell.arm().map_err(cannot_wait)?;
        loop {
            bell.silence();
            if ready(self) {
                return Ok(());
            }
            let mut fds = [libc::pollfd { fd, events: libc::POLLIN, revents: 0 }];
            // SAFETY: one valid pollfd, alive for the call; the bell's socket outlives it.
            unsafe { libc::poll(fds.as_mut_ptr(), 1, -1) };
        }
    }

    /// Adds a resource of another crate, of kind `kind` (its WIT name, for messages), made from
    /// the resource `parent` if any (which then cannot be dropped while this one lives).
    pub fn push_resource<T: Any + Send>(
        &mut self,
        kind: &'static str,
        value: T,
        parent: Option<u32>,
    ) -> Result<u32, Trap> {
        let entry = Entry::Other { kind, value: Box::new(value) };
        match parent {
            Some(parent) => self.table.insert_child(entry, parent),
            None => self.table.insert(entry),
        }
    }

    /// The resource of another crate at `rep`, which must be a `T` (else a trap naming `kind`).
    pub fn resource<T: Any + Send>(&mut self, kind: &'static str, rep: u32) -> Result<&mut T, Trap> {
        match self.table.get(rep) {
            Some(Entry::Other { value, .. }) => value.downcast_mut().ok_or_else(|| not_a(kind, rep)),
            _ => Err(not_a(kind, rep)),
        }
    }

    /// Removes the resource of another crate at `rep` and gives it back; it must be a `T`, and
    /// no resource made from it may be alive.
    pub fn remove_resource<T: Any + Send>(&mut self, kind: &'static str, rep: u32) -> Result<T, Trap> {
        self.resource::<T>(kind, rep)?;
        match self.table.remove(rep)? {
            Entry::Other { value, .. } => value.downcast().map(|b| *b).map_err(|_| not_a(kind, rep)),
            _ => Err(not_a(kind, rep)),
        }
    }

    /// An input stream over `source`, made from `parent` if any.
    pub fn push_input_stream(
        &mut self,
        source: Box<dyn StreamSource>,
        parent: Option<u32>,
    ) -> Result<Resource<streams::InputStream>, Trap> {
        crate::io::new_input(self, Source::Other(source), parent)
    }

    /// An output stream over `sink`, made from `parent` if any.
    pub fn push_output_stream(
        &mut self,
        sink: Box<dyn StreamSink>,
        parent: Option<u32>,
    ) -> Result<Resource<streams::OutputStream>, Trap> {
        crate::io::new_output(self, Target::Other(sink), parent)
    }

    /// A pollable that is ready when `readiness` says so, made from `parent` if any.
    pub fn push_pollable(
        &mut self,
        readiness: Arc<dyn Readiness>,
        parent: Option<u32>,
    ) -> Result<Resource<poll::Pollable>, Trap> {
        let what = Pollable::Other(readiness);
        match parent {
            Some(parent) => crate::io::subscribe(self, parent, what),
            None => crate::io::new_pollable(self, what),
        }
    }

    /// The OS error behind the `wasi:io/error` resource at `rep` (for `*-error-code` functions of
    /// other interfaces, which look for their own error inside it).
    pub fn io_error(&mut self, rep: u32) -> Result<&std::io::Error, Trap> {
        match self.table.get(rep) {
            Some(Entry::Error(error)) => Ok(&error.os),
            _ => Err(not_a("error", rep)),
        }
    }
}
