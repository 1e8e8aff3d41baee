//! `wasi:io`: error, poll and streams, for the stdio streams and clock pollables.

use std::io::{Read, Write};

use std::time::Instant;

use cm32_host::{LinkError, Resource, Trap, TrapClass, Val};

use crate::table::{Entry, Input, Output, Pollable, Target};
use crate::{Defs, Kinds, WasiCtx, WasiView};

/// What `check-write` permits after a flush, as the WIT documents for a blocking write.
pub(crate) const WRITE_BUDGET: u64 = 4096;

type StreamResult<T> = Result<T, Val>;

fn closed() -> Val {
    Val::Variant("closed".into(), None)
}

/// A failed operation: an `error` resource the guest can ask for its debug string.
fn failed(ctx: &mut WasiCtx, kinds: Kinds, message: String) -> Result<Val, Trap> {
    let ty = kinds.error.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/error"))?;
    let rep = ctx.table.insert(Entry::Error(message));
    Ok(Val::Variant("last-operation-failed".into(), Some(Box::new(Val::Own(Resource { ty, rep })))))
}

fn bad_handle(what: &str, rep: u32) -> Trap {
    Trap::new(TrapClass::Host, format!("rep {rep} is not a live {what}"))
}

fn output(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Output, Trap> {
    output_in(&mut ctx.table, rep)
}

fn output_in(table: &mut crate::table::Table, rep: u32) -> Result<&mut Output, Trap> {
    match table.get(rep) {
        Some(Entry::OutputStream(o)) => Ok(o),
        _ => Err(bad_handle("output-stream", rep)),
    }
}

fn input(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Input, Trap> {
    input_in(&mut ctx.table, rep)
}

fn input_in(table: &mut crate::table::Table, rep: u32) -> Result<&mut Input, Trap> {
    match table.get(rep) {
        Some(Entry::InputStream(i)) => Ok(i),
        _ => Err(bad_handle("input-stream", rep)),
    }
}

/// Writes `bytes` to the stream's target, spending budget that `check-write` granted.
fn write(ctx: &mut WasiCtx, kinds: Kinds, rep: u32, bytes: &[u8], flush: bool) -> Result<StreamResult<()>, Trap> {
    let out = output_in(&mut ctx.table, rep)?;
    if bytes.len() as u64 > out.budget {
        return Err(Trap::new(
            TrapClass::Host,
            format!("write of {} bytes exceeds the {} bytes check-write permitted", bytes.len(), out.budget),
        ));
    }
    out.budget -= bytes.len() as u64;
    let done = match &mut out.target {
        Target::Stdout => ctx.stdout.write_all(bytes).and_then(|()| if flush { ctx.stdout.flush() } else { Ok(()) }),
        Target::Stderr => ctx.stderr.write_all(bytes).and_then(|()| if flush { ctx.stderr.flush() } else { Ok(()) }),
        Target::File { file, offset } => crate::filesystem::write_file(file, offset, bytes),
        Target::Socket(socket) => crate::sockets::send_all(socket, bytes),
    };
    if flush {
        output(ctx, rep)?.budget = WRITE_BUDGET;
    }
    match done {
        Ok(()) => Ok(Ok(())),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Err(closed())),
        Err(e) => Ok(Err(failed(ctx, kinds, e.to_string())?)),
    }
}

fn flush(ctx: &mut WasiCtx, kinds: Kinds, rep: u32) -> Result<StreamResult<()>, Trap> {
    let out = output_in(&mut ctx.table, rep)?;
    out.budget = WRITE_BUDGET;
    let done = match &out.target {
        Target::Stdout => ctx.stdout.flush(),
        Target::Stderr => ctx.stderr.flush(),
        Target::File { .. } | Target::Socket(_) => Ok(()),
    };
    match done {
        Ok(()) => Ok(Ok(())),
        Err(e) => Ok(Err(failed(ctx, kinds, e.to_string())?)),
    }
}

/// Reads up to `len` bytes; an empty read at the end of the input is `closed`. A non-blocking
/// read of a socket with nothing to read returns no bytes.
fn read(ctx: &mut WasiCtx, kinds: Kinds, rep: u32, len: u64, blocking: bool) -> Result<StreamResult<Vec<u8>>, Trap> {
    if len == 0 {
        input(ctx, rep)?;
        return Ok(Ok(Vec::new()));
    }
    let mut buf = vec![0; len.min(64 * 1024) as usize];
    let got = match input_in(&mut ctx.table, rep)? {
        Input::Stdin => ctx.stdin.read(&mut buf),
        Input::File { file, offset } => crate::filesystem::read_file(file, offset, &mut buf),
        Input::Socket(socket) => match crate::sockets::recv(socket, &mut buf, blocking) {
            Ok(None) => return Ok(Ok(Vec::new())),
            Ok(Some(n)) => Ok(n),
            Err(e) => Err(e),
        },
    };
    match got {
        Ok(0) => Ok(Err(closed())),
        Ok(n) => {
            buf.truncate(n);
            Ok(Ok(buf))
        }
        Err(e) => Ok(Err(failed(ctx, kinds, e.to_string())?)),
    }
}

fn subscribe(ctx: &mut WasiCtx, kinds: Kinds, pollable: Pollable) -> Result<Resource, Trap> {
    let ty = kinds.pollable.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/poll"))?;
    Ok(Resource { ty, rep: ctx.table.insert(Entry::Pollable(pollable)) })
}

pub(crate) fn new_pollable(ctx: &mut WasiCtx, kinds: Kinds, pollable: Pollable) -> Result<Resource, Trap> {
    subscribe(ctx, kinds, pollable)
}

fn pollable(ctx: &mut WasiCtx, rep: u32) -> Result<Pollable, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::Pollable(p)) => Ok(p.clone()),
        _ => Err(bad_handle("pollable", rep)),
    }
}

/// Which of `polls` are ready, waiting at most `timeout` for sockets (`None`: do not wait).
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
    defs.func("wasi:io/error#[method]error.to-debug-string", |cx, (e,): (Resource,)| {
        match cx.data.wasi().table.get(e.rep) {
            Some(Entry::Error(message)) => Ok(message.clone()),
            _ => Err(bad_handle("error", e.rep)),
        }
    })?;

    defs.func("wasi:io/poll#[method]pollable.ready", |cx, (p,): (Resource,)| {
        Ok(is_ready(&pollable(cx.data.wasi(), p.rep)?))
    })?;
    defs.func("wasi:io/poll#[method]pollable.block", |cx, (p,): (Resource,)| {
        poll(cx.data.wasi(), &[p.rep]).map(|_| ())
    })?;
    defs.func("wasi:io/poll#poll", |cx, (ps,): (Vec<Resource>,)| {
        let reps: Vec<u32> = ps.iter().map(|p| p.rep).collect();
        poll(cx.data.wasi(), &reps)
    })?;

    defs.func("wasi:io/streams#[method]output-stream.check-write", |cx, (s,): (Resource,)| {
        Ok(Ok::<u64, Val>(output(cx.data.wasi(), s.rep)?.budget))
    })?;
    defs.func("wasi:io/streams#[method]output-stream.write", move |cx, (s, bytes): (Resource, Vec<u8>)| {
        write(cx.data.wasi(), k, s.rep, &bytes, false)
    })?;
    defs.func(
        "wasi:io/streams#[method]output-stream.blocking-write-and-flush",
        move |cx, (s, bytes): (Resource, Vec<u8>)| {
            if bytes.len() as u64 > WRITE_BUDGET {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("blocking-write-and-flush of {} bytes: at most 4096", bytes.len()),
                ));
            }
            output(cx.data.wasi(), s.rep)?.budget = WRITE_BUDGET;
            write(cx.data.wasi(), k, s.rep, &bytes, true)
        },
    )?;
    defs.func("wasi:io/streams#[method]output-stream.flush", move |cx, (s,): (Resource,)| {
        flush(cx.data.wasi(), k, s.rep)
    })?;
    defs.func("wasi:io/streams#[method]output-stream.blocking-flush", move |cx, (s,): (Resource,)| {
        flush(cx.data.wasi(), k, s.rep)
    })?;
    defs.func("wasi:io/streams#[method]output-stream.subscribe", move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let pollable = match &output(ctx, s.rep)?.target {
            Target::Socket(socket) => Pollable::Socket(socket.clone(), libc::POLLOUT),
            _ => Pollable::Ready,
        };
        subscribe(ctx, k, pollable)
    })?;
    defs.func("wasi:io/streams#[method]output-stream.write-zeroes", move |cx, (s, len): (Resource, u64)| {
        let zeroes = vec![0; len.min(WRITE_BUDGET + 1) as usize];
        write(cx.data.wasi(), k, s.rep, &zeroes, false)
    })?;
    defs.func(
        "wasi:io/streams#[method]output-stream.blocking-write-zeroes-and-flush",
        move |cx, (s, len): (Resource, u64)| {
            if len > WRITE_BUDGET {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("blocking-write-zeroes-and-flush of {len} bytes: at most 4096"),
                ));
            }
            output(cx.data.wasi(), s.rep)?.budget = WRITE_BUDGET;
            write(cx.data.wasi(), k, s.rep, &vec![0; len as usize], true)
        },
    )?;
    for (name, flush_after) in [("splice", false), ("blocking-splice", true)] {
        defs.func(
            &format!("wasi:io/streams#[method]output-stream.{name}"),
            move |cx, (dst, src, len): (Resource, Resource, u64)| {
                let ctx = cx.data.wasi();
                let budget = output(ctx, dst.rep)?.budget;
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
        defs.func(&format!("wasi:io/streams#[method]input-stream.{name}"), move |cx, (s, len): (Resource, u64)| {
            read(cx.data.wasi(), k, s.rep, len, blocking)
        })?;
    }
    for (name, blocking) in [("skip", false), ("blocking-skip", true)] {
        defs.func(&format!("wasi:io/streams#[method]input-stream.{name}"), move |cx, (s, len): (Resource, u64)| {
            Ok(read(cx.data.wasi(), k, s.rep, len, blocking)?.map(|bytes| bytes.len() as u64))
        })?;
    }
    defs.func("wasi:io/streams#[method]input-stream.subscribe", move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let pollable = match input(ctx, s.rep)? {
            Input::Socket(socket) => Pollable::Socket(socket.clone(), libc::POLLIN),
            _ => Pollable::Ready,
        };
        subscribe(ctx, k, pollable)
    })?;
    Ok(())
}

pub(crate) fn new_output(ctx: &mut WasiCtx, kinds: Kinds, target: Target) -> Result<Resource, Trap> {
    let ty = kinds.output_stream.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/streams"))?;
    Ok(Resource { ty, rep: ctx.table.insert(Entry::OutputStream(Output { target, budget: WRITE_BUDGET })) })
}

pub(crate) fn new_input(ctx: &mut WasiCtx, kinds: Kinds, input: Input) -> Result<Resource, Trap> {
    let ty = kinds.input_stream.ok_or_else(|| Trap::new(TrapClass::Host, "the world has no wasi:io/streams"))?;
    Ok(Resource { ty, rep: ctx.table.insert(Entry::InputStream(input)) })
}
