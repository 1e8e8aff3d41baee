//! `wasi:io`: error, poll and streams over stdio, files and sockets.
//!
//! A stream that has reported `closed` or `last-operation-failed` is closed for good: every later
//! operation reports `closed` (the WIT's rule), `read(0)` included.

use std::io::{self, Read, Write};
use std::time::Instant;

use cm32_host::{LinkError, ResourceAny, Trap, TrapClass, Val};

use crate::table::{Entry, InputStream, OutputStream, Pollable, Source, StreamError, Table, Target};
use crate::{Defs, Kinds, WasiCtx, WasiView};

/// What `check-write` permits after a flush, as the WIT documents for a blocking write.
pub(crate) const WRITE_BUDGET: u64 = 4096;

type StreamResult<T> = Result<T, Val>;

fn closed() -> Val {
    Val::Variant("closed".into(), None)
}

/// A failed operation: an `error` resource that keeps the OS error, for `to-debug-string` and the
/// `*-error-code` functions.
fn failed(table: &mut Table, kinds: Kinds, os: io::Error) -> Result<Val, Trap> {
    let ty = kinds.error.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/error"))?;
    let rep = table.insert(Entry::Error(StreamError { message: os.to_string(), os }))?;
    Ok(Val::Variant("last-operation-failed".into(), Some(Box::new(Val::Own(ResourceAny { ty, rep })))))
}

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
fn finish_output(ctx: &mut WasiCtx, kinds: Kinds, rep: u32, done: io::Result<()>) -> Result<StreamResult<()>, Trap> {
    let Err(e) = done else { return Ok(Ok(())) };
    output_in(&mut ctx.table, rep)?.closed = true;
    if e.kind() == io::ErrorKind::BrokenPipe {
        return Ok(Err(closed()));
    }
    Ok(Err(failed(&mut ctx.table, kinds, e)?))
}

/// Writes `bytes` to the stream's target, spending budget that `check-write` granted.
fn write(ctx: &mut WasiCtx, kinds: Kinds, rep: u32, bytes: &[u8], flush: bool) -> Result<StreamResult<()>, Trap> {
    let WasiCtx { table, stdout, stderr, .. } = ctx;
    let out = output_in(table, rep)?;
    if out.is_closed() {
        return Ok(Err(closed()));
    }
    if bytes.len() as u64 > out.budget {
        return Err(Trap::new(
            TrapClass::Host,
            format!("write of {} bytes exceeds the {} bytes check-write permitted", bytes.len(), out.budget),
        ));
    }
    out.budget -= bytes.len() as u64;
    let done = match &mut out.target {
        Target::Stdout => stdout.write_all(bytes).and_then(|()| if flush { stdout.flush() } else { Ok(()) }),
        Target::Stderr => stderr.write_all(bytes).and_then(|()| if flush { stderr.flush() } else { Ok(()) }),
        Target::File { file, offset } => crate::filesystem::write_file(file, offset, bytes),
        Target::Socket(conn) => crate::sockets::send_all(&conn.socket, bytes),
    };
    if flush {
        out.budget = WRITE_BUDGET;
    }
    finish_output(ctx, kinds, rep, done)
}

fn flush(ctx: &mut WasiCtx, kinds: Kinds, rep: u32) -> Result<StreamResult<()>, Trap> {
    let WasiCtx { table, stdout, stderr, .. } = ctx;
    let out = output_in(table, rep)?;
    if out.is_closed() {
        return Ok(Err(closed()));
    }
    out.budget = WRITE_BUDGET;
    let done = match &out.target {
        Target::Stdout => stdout.flush(),
        Target::Stderr => stderr.flush(),
        Target::File { .. } | Target::Socket(_) => Ok(()),
    };
    finish_output(ctx, kinds, rep, done)
}

/// Reads up to `len` bytes; the end of the input is `closed`. A non-blocking read of a socket
/// with nothing to read returns no bytes.
fn read(ctx: &mut WasiCtx, kinds: Kinds, rep: u32, len: u64, blocking: bool) -> Result<StreamResult<Vec<u8>>, Trap> {
    let WasiCtx { table, stdin, .. } = ctx;
    let stream = input_in(table, rep)?;
    if stream.is_closed() {
        return Ok(Err(closed()));
    }
    if len == 0 {
        return Ok(Ok(Vec::new()));
    }
    let mut buf = vec![0; len.min(64 * 1024) as usize];
    let got = match &mut stream.source {
        Source::Stdin => read_retrying(stdin, &mut buf),
        Source::File { file, offset } => crate::filesystem::read_file(file, offset, &mut buf),
        Source::Socket(conn) => match crate::sockets::recv(&conn.socket, &mut buf, blocking) {
            Ok(None) => return Ok(Ok(Vec::new())),
            Ok(Some(n)) => Ok(n),
            Err(e) => Err(e),
        },
    };
    match got {
        Ok(0) => {
            stream.closed = true;
            Ok(Err(closed()))
        }
        Ok(n) => {
            buf.truncate(n);
            Ok(Ok(buf))
        }
        Err(e) => {
            stream.closed = true;
            Ok(Err(failed(table, kinds, e)?))
        }
    }
}

fn read_retrying(from: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match from.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// A pollable for `what`, made from the resource `parent`, which cannot be dropped before it.
pub(crate) fn subscribe(ctx: &mut WasiCtx, kinds: Kinds, parent: u32, what: Pollable) -> Result<ResourceAny, Trap> {
    let ty = kinds.pollable.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/poll"))?;
    Ok(ResourceAny { ty, rep: ctx.table.insert_child(Entry::Pollable(what), parent)? })
}

/// A pollable that depends on no resource (a clock deadline).
pub(crate) fn new_pollable(ctx: &mut WasiCtx, kinds: Kinds, what: Pollable) -> Result<ResourceAny, Trap> {
    let ty = kinds.pollable.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/poll"))?;
    Ok(ResourceAny { ty, rep: ctx.table.insert(Entry::Pollable(what))? })
}

fn pollable(ctx: &mut WasiCtx, rep: u32) -> Result<Pollable, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::Pollable(p)) => Ok(p.clone()),
        _ => Err(bad_handle("pollable", rep)),
    }
}

/// Which of `polls` are ready, waiting at most `wait` for sockets (`None`: do not wait).
fn ready_now(polls: &[Pollable], wait: Option<std::time::Duration>) -> Vec<u32> {
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
        }
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
    !ready_now(std::slice::from_ref(p), None).is_empty()
}

/// Blocks until at least one pollable is ready and returns the indices of the ready ones: sockets
/// wait in poll(2) until the earliest deadline, timers sleep; nothing spins.
fn poll(ctx: &mut WasiCtx, reps: &[u32]) -> Result<Vec<u32>, Trap> {
    if reps.is_empty() {
        return Err(Trap::new(TrapClass::Host, "poll needs at least one pollable"));
    }
    let polls: Vec<Pollable> = reps.iter().map(|r| pollable(ctx, *r)).collect::<Result<_, _>>()?;
    loop {
        let now = Instant::now();
        let earliest = polls.iter().filter_map(|p| if let Pollable::Deadline(at) = p { Some(*at) } else { None }).min();
        let has_sockets = polls.iter().any(|p| matches!(p, Pollable::Socket(..)));
        let wait = match earliest {
            Some(at) => Some(at.saturating_duration_since(now)),
            None if has_sockets => Some(std::time::Duration::from_secs(3600)),
            None => None,
        };
        let ready = ready_now(&polls, if has_sockets { wait } else { None });
        if !ready.is_empty() {
            return Ok(ready);
        }
        if !has_sockets && let Some(d) = wait {
            std::thread::sleep(d);
        }
    }
}

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:io/error#[method]error.to-debug-string", |cx, (e,): (ResourceAny,)| {
        match cx.data.wasi().table.get(e.rep) {
            Some(Entry::Error(error)) => Ok(error.message.clone()),
            _ => Err(bad_handle("error", e.rep)),
        }
    })?;

    defs.func("wasi:io/poll#[method]pollable.ready", |cx, (p,): (ResourceAny,)| {
        Ok(is_ready(&pollable(cx.data.wasi(), p.rep)?))
    })?;
    defs.func("wasi:io/poll#[method]pollable.block", |cx, (p,): (ResourceAny,)| {
        poll(cx.data.wasi(), &[p.rep]).map(|_| ())
    })?;
    defs.func("wasi:io/poll#poll", |cx, (ps,): (Vec<ResourceAny>,)| {
        let reps: Vec<u32> = ps.iter().map(|p| p.rep).collect();
        poll(cx.data.wasi(), &reps)
    })?;

    defs.func("wasi:io/streams#[method]output-stream.check-write", |cx, (s,): (ResourceAny,)| {
        let out = output_in(&mut cx.data.wasi().table, s.rep)?;
        Ok(if out.is_closed() { Err(closed()) } else { Ok::<u64, Val>(out.budget) })
    })?;
    defs.func("wasi:io/streams#[method]output-stream.write", move |cx, (s, bytes): (ResourceAny, Vec<u8>)| {
        write(cx.data.wasi(), k, s.rep, &bytes, false)
    })?;
    defs.func(
        "wasi:io/streams#[method]output-stream.blocking-write-and-flush",
        move |cx, (s, bytes): (ResourceAny, Vec<u8>)| {
            if bytes.len() as u64 > WRITE_BUDGET {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("blocking-write-and-flush of {} bytes: at most 4096", bytes.len()),
                ));
            }
            output_in(&mut cx.data.wasi().table, s.rep)?.budget = WRITE_BUDGET;
            write(cx.data.wasi(), k, s.rep, &bytes, true)
        },
    )?;
    for name in ["flush", "blocking-flush"] {
        defs.func(&format!("wasi:io/streams#[method]output-stream.{name}"), move |cx, (s,): (ResourceAny,)| {
            flush(cx.data.wasi(), k, s.rep)
        })?;
    }
    defs.func("wasi:io/streams#[method]output-stream.subscribe", move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let out = output_in(&mut ctx.table, s.rep)?;
        let what = match &out.target {
            Target::Socket(conn) if !out.is_closed() => Pollable::Socket(conn.socket.clone(), libc::POLLOUT),
            _ => Pollable::Ready,
        };
        subscribe(ctx, k, s.rep, what)
    })?;
    defs.func("wasi:io/streams#[method]output-stream.write-zeroes", move |cx, (s, len): (ResourceAny, u64)| {
        let zeroes = vec![0; len.min(WRITE_BUDGET + 1) as usize];
        write(cx.data.wasi(), k, s.rep, &zeroes, false)
    })?;
    defs.func(
        "wasi:io/streams#[method]output-stream.blocking-write-zeroes-and-flush",
        move |cx, (s, len): (ResourceAny, u64)| {
            if len > WRITE_BUDGET {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("blocking-write-zeroes-and-flush of {len} bytes: at most 4096"),
                ));
            }
            output_in(&mut cx.data.wasi().table, s.rep)?.budget = WRITE_BUDGET;
            write(cx.data.wasi(), k, s.rep, &vec![0; len as usize], true)
        },
    )?;
    for (name, flush_after) in [("splice", false), ("blocking-splice", true)] {
        defs.func(
            &format!("wasi:io/streams#[method]output-stream.{name}"),
            move |cx, (dst, src, len): (ResourceAny, ResourceAny, u64)| {
                let ctx = cx.data.wasi();
                let out = output_in(&mut ctx.table, dst.rep)?;
                if out.is_closed() {
                    return Ok(Err(closed()));
                }
                let budget = out.budget;
                let bytes = match read(ctx, k, src.rep, len.min(budget), flush_after)? {
                    Ok(bytes) => bytes,
                    Err(e) => return Ok(Err(e)),
                };
                let n = bytes.len() as u64;
                Ok(write(ctx, k, dst.rep, &bytes, flush_after)?.map(|()| n))
            },
        )?;
    }

    for (name, blocking) in [("read", false), ("blocking-read", true)] {
        defs.func(&format!("wasi:io/streams#[method]input-stream.{name}"), move |cx, (s, len): (ResourceAny, u64)| {
            read(cx.data.wasi(), k, s.rep, len, blocking)
        })?;
    }
    for (name, blocking) in [("skip", false), ("blocking-skip", true)] {
        defs.func(&format!("wasi:io/streams#[method]input-stream.{name}"), move |cx, (s, len): (ResourceAny, u64)| {
            Ok(read(cx.data.wasi(), k, s.rep, len, blocking)?.map(|bytes| bytes.len() as u64))
        })?;
    }
    defs.func("wasi:io/streams#[method]input-stream.subscribe", move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let stream = input_in(&mut ctx.table, s.rep)?;
        let what = match &stream.source {
            Source::Socket(conn) if !stream.is_closed() => Pollable::Socket(conn.socket.clone(), libc::POLLIN),
            _ => Pollable::Ready,
        };
        subscribe(ctx, k, s.rep, what)
    })?;
    Ok(())
}

/// A new output stream; `parent` is the socket it belongs to, which cannot be dropped before it.
pub(crate) fn new_output(
    ctx: &mut WasiCtx,
    kinds: Kinds,
    target: Target,
    parent: Option<u32>,
) -> Result<ResourceAny, Trap> {
    let ty = kinds.output_stream.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/streams"))?;
    let entry = Entry::OutputStream(OutputStream { target, budget: WRITE_BUDGET, closed: false });
    let rep = match parent {
        Some(parent) => ctx.table.insert_child(entry, parent)?,
        None => ctx.table.insert(entry)?,
    };
    Ok(ResourceAny { ty, rep })
}

/// A new input stream; `parent` as for [`new_output`].
pub(crate) fn new_input(
    ctx: &mut WasiCtx,
    kinds: Kinds,
    source: Source,
    parent: Option<u32>,
) -> Result<ResourceAny, Trap> {
    let ty = kinds.input_stream.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/streams"))?;
    let entry = Entry::InputStream(InputStream { source, closed: false });
    let rep = match parent {
        Some(parent) => ctx.table.insert_child(entry, parent)?,
        None => ctx.table.insert(entry)?,
    };
    Ok(ResourceAny { ty, rep })
}
