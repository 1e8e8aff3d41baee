//! `wasi:io`: error, poll and streams over stdio, files and sockets, as the `Host` traits of
//! `wasi:io/error`, `wasi:io/poll` and `wasi:io/streams`.
//!
//! A stream that has reported `closed` or `last-operation-failed` is closed for good: every later
//! operation reports `closed` (the WIT's rule), `read(0)` included.

use std::io::{self, Read, Write};
use std::os::fd::RawFd;
use std::time::Instant;

use cm32_host::{Resource, Trap, TrapClass};

use crate::WasiCtx;
use crate::bindings::wasi::io::{error, poll, streams};
use crate::ext::StreamEnd;
use crate::table::{Entry, InputStream, IoError, OutputStream, Pollable, Source, Table, Target};

/// What `check-write` permits after a flush, as the WIT documents for a blocking write.
pub(crate) const WRITE_BUDGET: u64 = 4096;

/// Why a stream operation did not succeed: the WIT's `stream-error`, with the OS error behind a
/// failure (it becomes an `error` resource when the guest receives it, in
/// `convert_stream_error`), or a trap.
#[derive(Debug)]
pub enum StreamError {
    Closed,
    LastOperationFailed(io::Error),
    Trap(Trap),
}

impl From<Trap> for StreamError {
    fn from(trap: Trap) -> Self {
        StreamError::Trap(trap)
    }
}

type StreamResult<T> = Result<T, StreamError>;

fn bad_handle(what: &str, rep: u32) -> Trap {
    Trap::new(TrapClass::Host, format!("rep {rep} is not a live {what}"))
}

fn output_in(table: &mut Table, rep: u32) -> Result<&mut OutputStream, Trap> {
    match table.get(rep) {
        Some(Entry::OutputStream(o)) => Ok(o),
        _ => Err(bad_handle("output-stream", rep)),
    }
}

fn input_in(table: &mut Table, rep: u32) -> Result<&mut InputStream, Trap> {
    match table.get(rep) {
        Some(Entry::InputStream(i)) => Ok(i),
        _ => Err(bad_handle("input-stream", rep)),
    }
}

impl InputStream {
    fn is_closed(&self) -> bool {
        self.closed || matches!(&self.source, Source::Socket(c) if c.read_closed())
    }
}

impl OutputStream {
    fn is_closed(&self) -> bool {
        self.closed || matches!(&self.target, Target::Socket(c) if c.write_closed())
    }
}

/// Ends an operation on an output stream: a broken pipe is `closed`, any other error
/// `last-operation-failed`, and either closes the stream.
fn finish_output(table: &mut Table, rep: u32, done: io::Result<()>) -> StreamResult<()> {
    let Err(e) = done else { return Ok(()) };
    output_in(table, rep)?.closed = true;
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Err(StreamError::Closed);
    }
    Err(StreamError::LastOperationFailed(e))
}

/// Writes `bytes` to the stream's target, spending budget that `check-write` granted.
fn write(ctx: &mut WasiCtx, rep: u32, bytes: &[u8], flush: bool) -> StreamResult<()> {
    let WasiCtx { table, stdout, stderr, .. } = ctx;
    let out = output_in(table, rep)?;
    if out.is_closed() {
        return Err(StreamError::Closed);
    }
    if bytes.len() as u64 > out.budget {
        return Err(Trap::new(
            TrapClass::Host,
            format!("write of {} bytes exceeds the {} bytes check-write permitted", bytes.len(), out.budget),
        )
        .into());
    }
    out.budget -= bytes.len() as u64;
    let done = match &mut out.target {
        Target::Stdout => stdout.write_all(bytes).and_then(|()| if flush { stdout.flush() } else { Ok(()) }),
        Target::Stderr => stderr.write_all(bytes).and_then(|()| if flush { stderr.flush() } else { Ok(()) }),
        Target::File { file, offset } => crate::filesystem::write_file(file, offset, bytes),
        Target::Socket(conn) => crate::sockets::send_all(&conn.socket, bytes),
        Target::Other(sink) => {
            let written = sink_result(sink.write(bytes.to_vec()));
            return finish_other_output(out, written);
        }
    };
    if flush {
        out.budget = WRITE_BUDGET;
    }
    finish_output(table, rep, done)
}

fn flush(ctx: &mut WasiCtx, rep: u32) -> StreamResult<()> {
    let WasiCtx { table, stdout, stderr, .. } = ctx;
    let out = output_in(table, rep)?;
    if out.is_closed() {
        return Err(StreamError::Closed);
    }
    out.budget = WRITE_BUDGET;
    let done = match &out.target {
        Target::Stdout => stdout.flush(),
        Target::Stderr => stderr.flush(),
        Target::File { .. } | Target::Socket(_) | Target::Other(_) => Ok(()),
    };
    finish_output(table, rep, done)
}

/// Reads up to `len` bytes; the end of the input is `closed`. A non-blocking read of a socket
/// with nothing to read returns no bytes.
fn read(ctx: &mut WasiCtx, rep: u32, len: u64, blocking: bool) -> StreamResult<Vec<u8>> {
    let stream = input_in(&mut ctx.table, rep)?;
    if stream.is_closed() {
        return Err(StreamError::Closed);
    }
    if len == 0 {
        return Ok(Vec::new());
    }
    if let Source::Other(_) = stream.source {
        return read_other(ctx, rep, len, blocking);
    }
    let stream = input_in(&mut ctx.table, rep)?;
    let mut buf = vec![0; len.min(64 * 1024) as usize];
    let got = match &mut stream.source {
        Source::Stdin => read_retrying(&mut ctx.stdin, &mut buf),
        Source::File { file, offset } => crate::filesystem::read_file(file, offset, &mut buf),
        Source::Socket(conn) => match crate::sockets::recv(&conn.socket, &mut buf, blocking) {
            Ok(None) => return Ok(Vec::new()),
            Ok(Some(n)) => Ok(n),
            Err(e) => Err(e),
        },
        // Read by `read_other`.
        Source::Other(_) => return Err(StreamError::Closed),
    };
    match got {
        Ok(0) => {
            stream.closed = true;
            Err(StreamError::Closed)
        }
        Ok(n) => {
            buf.truncate(n);
            Ok(buf)
        }
        Err(e) => {
            stream.closed = true;
            Err(StreamError::LastOperationFailed(e))
        }
    }
}

/// Reads from a source of another crate (`crate::ext`), waiting on the bell if `blocking`.
fn read_other(ctx: &mut WasiCtx, rep: u32, len: u64, blocking: bool) -> StreamResult<Vec<u8>> {
    if blocking {
        ctx.wait_until(|ctx| match input_in(&mut ctx.table, rep) {
            Ok(InputStream { source: Source::Other(source), .. }) => source.is_ready(),
            _ => true,
        })?;
    }
    let stream = input_in(&mut ctx.table, rep)?;
    let Source::Other(source) = &mut stream.source else { return Err(StreamError::Closed) };
    match source.read(len.min(MAX_READ) as usize) {
        Ok(bytes) => Ok(bytes),
        Err(end) => {
            stream.closed = true;
            Err(stream_end(end))
        }
    }
}

/// The most one read returns.
const MAX_READ: u64 = 64 * 1024;

fn stream_end(end: StreamEnd) -> StreamError {
    match end {
        StreamEnd::Closed => StreamError::Closed,
        StreamEnd::Failed(e) => StreamError::LastOperationFailed(e),
    }
}

fn sink_result<T>(result: Result<T, StreamEnd>) -> StreamResult<T> {
    result.map_err(stream_end)
}

/// Ends an operation on a sink of another crate: an end closes the stream.
fn finish_other_output<T>(out: &mut OutputStream, result: StreamResult<T>) -> StreamResult<T> {
    if result.is_err() {
        out.closed = true;
    }
    result
}

/// What `check-write` permits: a sink of another crate says; the rest take a fixed budget.
fn check_write(ctx: &mut WasiCtx, rep: u32) -> StreamResult<u64> {
    let out = output_in(&mut ctx.table, rep)?;
    if out.is_closed() {
        return Err(StreamError::Closed);
    }
    if let Target::Other(sink) = &mut out.target {
        let capacity = sink_result(sink.capacity());
        out.budget = finish_other_output(out, capacity)?;
    }
    Ok(out.budget)
}

/// Before a blocking write of `len` bytes: the budget to write them in, after waiting for a
/// sink of another crate to take them.
fn blocking_budget(ctx: &mut WasiCtx, rep: u32, len: u64, what: &str) -> StreamResult<()> {
    if len > WRITE_BUDGET {
        return Err(Trap::new(TrapClass::Host, format!("{what} of {len} bytes: at most 4096")).into());
    }
    if let Target::Other(_) = output_in(&mut ctx.table, rep)?.target {
        while check_write(ctx, rep)? < len {
            ctx.wait_until(|ctx| match output_in(&mut ctx.table, rep) {
                Ok(OutputStream { target: Target::Other(sink), closed: false, .. }) => sink.is_ready(),
                _ => true,
            })?;
        }
        return Ok(());
    }
    output_in(&mut ctx.table, rep)?.budget = WRITE_BUDGET;
    Ok(())
}

fn read_retrying(from: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match from.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// Reads up to `len` bytes from `src` and writes them to `dst`, within what `check-write` permits.
fn splice(ctx: &mut WasiCtx, dst: u32, src: u32, len: u64, blocking: bool) -> StreamResult<u64> {
    let out = output_in(&mut ctx.table, dst)?;
    if out.is_closed() {
        return Err(StreamError::Closed);
    }
    let budget = out.budget;
    let bytes = read(ctx, src, len.min(budget), blocking)?;
    write(ctx, dst, &bytes, blocking)?;
    Ok(bytes.len() as u64)
}

/// A pollable for `what`, made from the resource `parent`, which cannot be dropped before it.
pub(crate) fn subscribe(ctx: &mut WasiCtx, parent: u32, what: Pollable) -> Result<Resource<poll::Pollable>, Trap> {
    Ok(Resource::new_own(ctx.table.insert_child(Entry::Pollable(what), parent)?))
}

/// A pollable that depends on no resource (a clock deadline).
pub(crate) fn new_pollable(ctx: &mut WasiCtx, what: Pollable) -> Result<Resource<poll::Pollable>, Trap> {
    Ok(Resource::new_own(ctx.table.insert(Entry::Pollable(what))?))
}

fn pollable(ctx: &mut WasiCtx, rep: u32) -> Result<Pollable, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::Pollable(p)) => Ok(p.clone()),
        _ => Err(bad_handle("pollable", rep)),
    }
}

/// Which of `polls` are ready, waiting at most `wait` for sockets and the bell (`None`: do not
/// wait).
fn ready_now(polls: &[Pollable], wait: Option<std::time::Duration>, bell: Option<RawFd>) -> Vec<u32> {
    use std::os::fd::AsRawFd;
    let now = Instant::now();
    let mut fds: Vec<libc::pollfd> = Vec::new();
    let mut owners: Vec<u32> = Vec::new();
    let mut ready: Vec<u32> = Vec::new();
    for (i, p) in polls.iter().enumerate() {
        match p {
            Pollable::Ready => ready.push(i as u32),
            Pollable::Deadline(at) if *at <= now => ready.push(i as u32),
            Pollable::Deadline(_) => {}
            Pollable::Socket(socket, events) => {
                fds.push(libc::pollfd { fd: socket.as_raw_fd(), events: *events, revents: 0 });
                owners.push(i as u32);
            }
            Pollable::Other(readiness) if readiness.is_ready() => ready.push(i as u32),
            Pollable::Other(_) => {}
        }
    }
    // The bell comes last, with no pollable of its own: it only wakes the wait.
    if let Some(bell) = bell {
        fds.push(libc::pollfd { fd: bell, events: libc::POLLIN, revents: 0 });
    }
    if !fds.is_empty() {
        let timeout = if ready.is_empty() { wait.map_or(0, |d| d.as_millis().min(i32::MAX as u128) as i32) } else { 0 };
        // SAFETY: `fds` is a valid array of `fds.len()` pollfd structs, alive for the call; the
        // sockets behind the descriptors are kept alive by `polls`.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if n > 0 {
            ready.extend(fds.iter().zip(&owners).filter(|(f, _)| f.revents != 0).map(|(_, i)| *i));
        }
    }
    ready.sort_unstable();
    ready
}

fn is_ready(p: &Pollable) -> bool {
    !ready_now(std::slice::from_ref(p), None, None).is_empty()
}

/// Blocks until at least one pollable is ready and returns the indices of the ready ones: sockets
/// wait in poll(2) until the earliest deadline, timers sleep; nothing spins.
fn poll(ctx: &mut WasiCtx, reps: &[u32]) -> Result<Vec<u32>, Trap> {
    if reps.is_empty() {
        return Err(Trap::new(TrapClass::Host, "poll needs at least one pollable"));
    }
    let polls: Vec<Pollable> = reps.iter().map(|r| pollable(ctx, *r)).collect::<Result<_, _>>()?;
    // Events of other crates ring the bell: it is silenced before each look at them, so that a
    // ring after the look wakes the wait.
    let bell = match polls.iter().any(|p| matches!(p, Pollable::Other(_))) {
        true => {
            let bell = ctx.bell();
            let fd = bell.arm().map_err(crate::ext::cannot_wait)?;
            Some((bell, fd))
        }
        false => None,
    };
    loop {
        if let Some((bell, _)) = &bell {
            bell.silence();
        }
        let now = Instant::now();
        let earliest = polls.iter().filter_map(|p| if let Pollable::Deadline(at) = p { Some(*at) } else { None }).min();
        let has_sockets = bell.is_some() || polls.iter().any(|p| matches!(p, Pollable::Socket(..)));
        let wait = match earliest {
            Some(at) => Some(at.saturating_duration_since(now)),
            None if has_sockets => Some(std::time::Duration::from_secs(3600)),
            None => None,
        };
        let ready = ready_now(&polls, if has_sockets { wait } else { None }, bell.as_ref().map(|(_, fd)| *fd));
        if !ready.is_empty() {
            return Ok(ready);
        }
        if !has_sockets && let Some(d) = wait {
            std::thread::sleep(d);
        }
    }
}

/// A new output stream; `parent` is the socket it belongs to, which cannot be dropped before it.
pub(crate) fn new_output(
    ctx: &mut WasiCtx,
    target: Target,
    parent: Option<u32>,
) -> Result<Resource<streams::OutputStream>, Trap> {
    let entry = Entry::OutputStream(OutputStream { target, budget: WRITE_BUDGET, closed: false });
    let rep = match parent {
        Some(parent) => ctx.table.insert_child(entry, parent)?,
        None => ctx.table.insert(entry)?,
    };
    Ok(Resource::new_own(rep))
}

/// A new input stream; `parent` as for [`new_output`].
pub(crate) fn new_input(
    ctx: &mut WasiCtx,
    source: Source,
    parent: Option<u32>,
) -> Result<Resource<streams::InputStream>, Trap> {
    let entry = Entry::InputStream(InputStream { source, closed: false });
    let rep = match parent {
        Some(parent) => ctx.table.insert_child(entry, parent)?,
        None => ctx.table.insert(entry)?,
    };
    Ok(Resource::new_own(rep))
}

impl error::Host for WasiCtx {}

impl error::HostError for WasiCtx {
    fn to_debug_string(&mut self, e: Resource<error::Error>) -> cm32_host::Result<String> {
        match self.table.get(e.rep()) {
            Some(Entry::Error(error)) => Ok(error.message.clone()),
            _ => Err(bad_handle("error", e.rep())),
        }
    }

    fn drop(&mut self, e: Resource<error::Error>) -> cm32_host::Result<()> {
        self.table.remove(e.rep()).map(drop)
    }
}

impl poll::Host for WasiCtx {
    fn poll(&mut self, pollables: Vec<Resource<poll::Pollable>>) -> cm32_host::Result<Vec<u32>> {
        let reps: Vec<u32> = pollables.iter().map(Resource::rep).collect();
        poll(self, &reps)
    }
}

impl poll::HostPollable for WasiCtx {
    fn ready(&mut self, p: Resource<poll::Pollable>) -> cm32_host::Result<bool> {
        Ok(is_ready(&pollable(self, p.rep())?))
    }

    fn block(&mut self, p: Resource<poll::Pollable>) -> cm32_host::Result<()> {
        poll(self, &[p.rep()]).map(|_| ())
    }

    fn drop(&mut self, p: Resource<poll::Pollable>) -> cm32_host::Result<()> {
        self.table.remove(p.rep()).map(drop)
    }
}

impl streams::Host for WasiCtx {
    /// A failure becomes an `error` resource that keeps the OS error, for `to-debug-string` and
    /// the `*-error-code` functions.
    fn convert_stream_error(&mut self, err: StreamError) -> cm32_host::Result<streams::StreamError> {
        match err {
            StreamError::Closed => Ok(streams::StreamError::Closed),
            StreamError::LastOperationFailed(os) => {
                let rep = self.table.insert(Entry::Error(IoError { message: os.to_string(), os }))?;
                Ok(streams::StreamError::LastOperationFailed(Resource::new_own(rep)))
            }
            StreamError::Trap(trap) => Err(trap),
        }
    }
}

impl streams::HostOutputStream for WasiCtx {
    fn check_write(&mut self, s: Resource<streams::OutputStream>) -> StreamResult<u64> {
        check_write(self, s.rep())
    }

    fn write(&mut self, s: Resource<streams::OutputStream>, contents: Vec<u8>) -> StreamResult<()> {
        write(self, s.rep(), &contents, false)
    }

    fn blocking_write_and_flush(&mut self, s: Resource<streams::OutputStream>, contents: Vec<u8>) -> StreamResult<()> {
        blocking_budget(self, s.rep(), contents.len() as u64, "blocking-write-and-flush")?;
        write(self, s.rep(), &contents, true)
    }

    fn flush(&mut self, s: Resource<streams::OutputStream>) -> StreamResult<()> {
        flush(self, s.rep())
    }

    fn blocking_flush(&mut self, s: Resource<streams::OutputStream>) -> StreamResult<()> {
        flush(self, s.rep())
    }

    fn subscribe(&mut self, s: Resource<streams::OutputStream>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let out = output_in(&mut self.table, s.rep())?;
        let what = match &out.target {
            Target::Socket(conn) if !out.is_closed() => Pollable::Socket(conn.socket.clone(), libc::POLLOUT),
            Target::Other(sink) if !out.is_closed() => Pollable::Other(sink.readiness()),
            _ => Pollable::Ready,
        };
        subscribe(self, s.rep(), what)
    }

    fn write_zeroes(&mut self, s: Resource<streams::OutputStream>, len: u64) -> StreamResult<()> {
        let zeroes = vec![0; len.min(WRITE_BUDGET + 1) as usize];
        write(self, s.rep(), &zeroes, false)
    }

    fn blocking_write_zeroes_and_flush(&mut self, s: Resource<streams::OutputStream>, len: u64) -> StreamResult<()> {
        blocking_budget(self, s.rep(), len, "blocking-write-zeroes-and-flush")?;
        write(self, s.rep(), &vec![0; len as usize], true)
    }

    fn splice(
        &mut self,
        dst: Resource<streams::OutputStream>,
        src: Resource<streams::InputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        splice(self, dst.rep(), src.rep(), len, false)
    }

    fn blocking_splice(
        &mut self,
        dst: Resource<streams::OutputStream>,
        src: Resource<streams::InputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        splice(self, dst.rep(), src.rep(), len, true)
    }

    fn drop(&mut self, s: Resource<streams::OutputStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}

impl streams::HostInputStream for WasiCtx {
    fn read(&mut self, s: Resource<streams::InputStream>, len: u64) -> StreamResult<Vec<u8>> {
        read(self, s.rep(), len, false)
    }

    fn blocking_read(&mut self, s: Resource<streams::InputStream>, len: u64) -> StreamResult<Vec<u8>> {
        read(self, s.rep(), len, true)
    }

    fn skip(&mut self, s: Resource<streams::InputStream>, len: u64) -> StreamResult<u64> {
        read(self, s.rep(), len, false).map(|bytes| bytes.len() as u64)
    }

    fn blocking_skip(&mut self, s: Resource<streams::InputStream>, len: u64) -> StreamResult<u64> {
        read(self, s.rep(), len, true).map(|bytes| bytes.len() as u64)
    }

    fn subscribe(&mut self, s: Resource<streams::InputStream>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let stream = input_in(&mut self.table, s.rep())?;
        let what = match &stream.source {
            Source::Socket(conn) if !stream.is_closed() => Pollable::Socket(conn.socket.clone(), libc::POLLIN),
            Source::Other(source) if !stream.is_closed() => Pollable::Other(source.readiness()),
            _ => Pollable::Ready,
        };
        subscribe(self, s.rep(), what)
    }

    fn drop(&mut self, s: Resource<streams::InputStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}
