//! `wasi:sockets/tcp`: the socket's states as the WIT names them, a connect that never blocks
//! (`finish-connect` asks the kernel whether it is done), and the streams of a connection, which
//! `shutdown` closes.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cm32_host::{LinkError, ResourceAny, Trap, Val};
use socket2::{Protocol, SockAddr, Socket, Type};

use super::{NetResult, addr, code, error_code, net, new_socket, not_live, resource};
use crate::io::{new_input, new_output, subscribe};
use crate::table::{Entry, Pollable, Source, Target};
use crate::{Defs, Kinds, WasiCtx, WasiView};

/// Where a TCP socket is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TcpState {
    Unbound,
    BindStarted,
    Bound,
    ListenStarted,
    Listening,
    Connecting,
    Connected,
    Closed,
}

pub(crate) struct Tcp {
    socket: Arc<Socket>,
    ipv6: bool,
    state: TcpState,
    /// The listen queue size for a `listen` still to come.
    backlog: i32,
    /// The connection, once there is one: shared with its streams.
    connection: Option<Arc<Connection>>,
}

impl Tcp {
    /// `finish-bind`, `finish-listen`: the second half of what `start-*` began (which did the
    /// work already).
    fn finish(&mut self, started: TcpState, done: TcpState) -> NetResult<()> {
        if self.state != started {
            return Err(code("not-in-progress"));
        }
        self.state = done;
        Ok(())
    }
}

/// A connected socket and what `shutdown` has closed, shared by the socket and its two streams.
pub(crate) struct Connection {
    pub(crate) socket: Arc<Socket>,
    read_closed: AtomicBool,
    write_closed: AtomicBool,
}

impl Connection {
    fn new(socket: Arc<Socket>) -> Arc<Connection> {
        Arc::new(Connection { socket, read_closed: AtomicBool::new(false), write_closed: AtomicBool::new(false) })
    }

    pub(crate) fn read_closed(&self) -> bool {
        self.read_closed.load(Ordering::Relaxed)
    }

    pub(crate) fn write_closed(&self) -> bool {
        self.write_closed.load(Ordering::Relaxed)
    }
}

/// Linux's limits on the keep-alive options (`TCP_KEEPIDLE`, `TCP_KEEPINTVL` in seconds;
/// `TCP_KEEPCNT`).
const MAX_KEEPALIVE_SECS: u64 = 32_767;
const MAX_KEEPALIVE_COUNT: u32 = 127;

fn tcp(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Tcp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::TcpSocket(t)) => Ok(t),
        _ => Err(not_live("tcp-socket", rep)),
    }
}

/// The socket, for reading and setting its options: not once it is closed.
fn open_socket(ctx: &mut WasiCtx, rep: u32) -> Result<NetResult<Arc<Socket>>, Trap> {
    let t = tcp(ctx, rep)?;
    Ok(if t.state == TcpState::Closed { Err(code("invalid-state")) } else { Ok(t.socket.clone()) })
}

/// `connect`'s reading of an errno (`tcp.wit`): a failed implicit bind is `address-in-use`, a
/// wrong family `invalid-argument`.
pub(super) fn connect_error(e: &io::Error) -> Val {
    match e.raw_os_error() {
        Some(libc::EADDRNOTAVAIL) => code("address-in-use"),
        Some(libc::EAFNOSUPPORT) => code("invalid-argument"),
        _ => error_code(e),
    }
}

/// `accept`'s: Linux reports errors already pending on the new connection from `accept` itself;
/// for the listener they mean the connection was aborted.
pub(super) fn accept_error(e: &io::Error) -> Val {
    match e.raw_os_error() {
        Some(
            libc::ECONNRESET
            | libc::ENETRESET
            | libc::EHOSTUNREACH
            | libc::EHOSTDOWN
            | libc::ENETDOWN
            | libc::ENETUNREACH
            | libc::EPROTO
            | libc::ENOPROTOOPT
            | libc::ENONET
            | libc::EOPNOTSUPP,
        ) => code("connection-aborted"),
        _ => error_code(e),
    }
}

/// `bind`'s: a wrong family is `invalid-argument`.
pub(super) fn bind_error(e: &io::Error) -> Val {
    match e.raw_os_error() {
        Some(libc::EAFNOSUPPORT) => code("invalid-argument"),
        _ => error_code(e),
    }
}

/// Streams over a connection, children of the socket `rep`: (input-stream, output-stream).
fn streams(ctx: &mut WasiCtx, k: Kinds, rep: u32, conn: &Arc<Connection>) -> Result<(ResourceAny, ResourceAny), Trap> {
    let input = new_input(ctx, k, Source::Socket(conn.clone()), Some(rep))?;
    let output = new_output(ctx, k, Target::Socket(conn.clone()), Some(rep))?;
    Ok((input, output))
}

fn set_int_option(socket: &Socket, option: libc::c_int, value: u64) -> NetResult<()> {
    use std::os::fd::AsRawFd;
    let value = value.min(libc::c_int::MAX as u64) as libc::c_int;
    // SAFETY: a valid socket descriptor and a pointer to an int of the given size, as the
    // IPPROTO_TCP keep-alive options take.
    let rc = unsafe {
        libc::setsockopt(
            socket.as_raw_fd(),
            libc::IPPROTO_TCP,
            option,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 { Ok(()) } else { Err(error_code(&io::Error::last_os_error())) }
}

/// Sets a keep-alive duration: zero is `invalid-argument`; anything else becomes whole seconds
/// (rounded up) within what the kernel takes.
fn set_keepalive_secs(socket: &Socket, option: libc::c_int, nanos: u64) -> NetResult<()> {
    if nanos == 0 {
        return Err(code("invalid-argument"));
    }
    set_int_option(socket, option, nanos.div_ceil(1_000_000_000).clamp(1, MAX_KEEPALIVE_SECS))
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

pub(super) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    let m = |name: &str| format!("wasi:sockets/tcp#[method]tcp-socket.{name}");

    defs.func("wasi:sockets/tcp-create-socket#create-tcp-socket", move |cx, (af,): (Val,)| {
        let ctx = cx.data.wasi();
        if !ctx.net.tcp {
            return Ok(Err(code("access-denied")));
        }
        let ipv6 = super::family(&af);
        let socket = match new_socket(ipv6, Type::STREAM, Protocol::TCP) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let entry = Tcp { socket: Arc::new(socket), ipv6, state: TcpState::Unbound, backlog: 128, connection: None };
        let rep = ctx.table.insert(Entry::TcpSocket(entry))?;
        Ok(Ok(resource(k.tcp_socket, rep)?))
    })?;
    defs.func(&m("start-bind"), |cx, (s, _, local): (ResourceAny, ResourceAny, Val)| {
        let local = addr::from_val(&local)?;
        let t = tcp(cx.data.wasi(), s.rep)?;
        if t.state != TcpState::Unbound {
            return Ok(Err(code("invalid-state")));
        }
        if let Err(e) = addr::check_local(t.ipv6, &local) {
            return Ok(Err(e));
        }
        // As the WIT asks: a listener's port is reusable at once after a restart (TIME_WAIT).
        let _ = t.socket.set_reuse_address(true);
        Ok(t.socket.bind(&SockAddr::from(local)).map(|()| t.state = TcpState::BindStarted).map_err(|e| bind_error(&e)))
    })?;
    defs.func(&m("finish-bind"), |cx, (s,): (ResourceAny,)| {
        Ok(tcp(cx.data.wasi(), s.rep)?.finish(TcpState::BindStarted, TcpState::Bound))
    })?;
    defs.func(&m("start-connect"), |cx, (s, _, remote): (ResourceAny, ResourceAny, Val)| {
        let remote = addr::from_val(&remote)?;
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        match t.state {
            TcpState::Unbound | TcpState::Bound => {}
            TcpState::Connecting => return Ok(Err(code("concurrency-conflict"))),
            _ => return Ok(Err(code("invalid-state"))),
        }
        let ipv6 = t.ipv6;
        if let Err(e) = addr::check_remote(ipv6, &remote).and_then(|()| ctx.net.reach(&remote)) {
            return Ok(Err(e));
        }
        let t = tcp(ctx, s.rep)?;
        match t.socket.connect(&SockAddr::from(remote)) {
            Err(e) if e.raw_os_error() != Some(libc::EINPROGRESS) => {
                t.state = TcpState::Closed;
                Ok(Err(connect_error(&e)))
            }
            _ => {
                t.state = TcpState::Connecting;
                Ok(Ok::<(), Val>(()))
            }
        }
    })?;
    defs.func(&m("finish-connect"), move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        if t.state != TcpState::Connecting {
            return Ok(Err(code("not-in-progress")));
        }
        if !super::ready(&t.socket, libc::POLLOUT) {
            return Ok(Err(code("would-block")));
        }
        let failed = match t.socket.take_error() {
            Ok(None) => t.socket.peer_addr().err(),
            Ok(Some(e)) | Err(e) => Some(e),
        };
        if let Some(e) = failed {
            t.state = TcpState::Closed;
            return Ok(Err(connect_error(&e)));
        }
        t.state = TcpState::Connected;
        let conn = Connection::new(t.socket.clone());
        t.connection = Some(conn.clone());
        Ok(Ok(streams(ctx, k, s.rep, &conn)?))
    })?;
    defs.func(&m("start-listen"), |cx, (s,): (ResourceAny,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if t.state != TcpState::Bound {
            return Ok(Err(code("invalid-state")));
        }
        Ok(net(t.socket.listen(t.backlog)).map(|()| t.state = TcpState::ListenStarted))
    })?;
    defs.func(&m("finish-listen"), |cx, (s,): (ResourceAny,)| {
        Ok(tcp(cx.data.wasi(), s.rep)?.finish(TcpState::ListenStarted, TcpState::Listening))
    })?;
    defs.func(&m("accept"), move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        if t.state != TcpState::Listening {
            return Ok(Err(code("invalid-state")));
        }
        let ipv6 = t.ipv6;
        let accepted = match t.socket.accept() {
            Ok((accepted, _)) => accepted,
            Err(e) => return Ok(Err(accept_error(&e))),
        };
        if let Err(e) = accepted.set_nonblocking(true) {
            return Ok(Err(error_code(&e)));
        }
        let socket = Arc::new(accepted);
        let conn = Connection::new(socket.clone());
        let entry = Tcp { socket, ipv6, state: TcpState::Connected, backlog: 128, connection: Some(conn.clone()) };
        let rep = ctx.table.insert(Entry::TcpSocket(entry))?;
        let (input, output) = streams(ctx, k, rep, &conn)?;
        Ok(Ok((resource(k.tcp_socket, rep)?, input, output)))
    })?;
    defs.func(&m("local-address"), |cx, (s,): (ResourceAny,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(match t.state {
            TcpState::Unbound | TcpState::BindStarted | TcpState::Closed => Err(code("invalid-state")),
            _ => super::local_of(&t.socket),
        })
    })?;
    defs.func(&m("remote-address"), |cx, (s,): (ResourceAny,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(if t.state == TcpState::Connected { super::peer_of(&t.socket) } else { Err(code("invalid-state")) })
    })?;
    defs.func(&m("is-listening"), |cx, (s,): (ResourceAny,)| {
        Ok(tcp(cx.data.wasi(), s.rep)?.state == TcpState::Listening)
    })?;
    defs.func(&m("address-family"), |cx, (s,): (ResourceAny,)| {
        Ok(super::family_val(tcp(cx.data.wasi(), s.rep)?.ipv6))
    })?;
    defs.func(&m("set-listen-backlog-size"), |cx, (s, size): (ResourceAny, u64)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if size == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        let size = size.min(i32::MAX as u64) as i32;
        Ok(match t.state {
            TcpState::Connecting | TcpState::Connected | TcpState::Closed => Err(code("invalid-state")),
            // Linux takes a new backlog by listening again.
            TcpState::Listening => t.socket.listen(size).map_err(|_| code("not-supported")),
            _ => {
                t.backlog = size;
                Ok(())
            }
        })
    })?;
    defs.func(&m("keep-alive-enabled"), |cx, (s,): (ResourceAny,)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| net(socket.keepalive())))
    })?;
    defs.func(&m("set-keep-alive-enabled"), |cx, (s, on): (ResourceAny, bool)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| net(socket.set_keepalive(on))))
    })?;
    // The keep-alive parameters are set one by one, so that setting one neither switches
    // keep-alive on nor touches the others.
    defs.func(&m("keep-alive-idle-time"), |cx, (s,): (ResourceAny,)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| net(socket.tcp_keepalive_time()).map(nanos)))
    })?;
    defs.func(&m("set-keep-alive-idle-time"), |cx, (s, ns): (ResourceAny, u64)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| set_keepalive_secs(&socket, libc::TCP_KEEPIDLE, ns)))
    })?;
    defs.func(&m("keep-alive-interval"), |cx, (s,): (ResourceAny,)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| net(socket.tcp_keepalive_interval()).map(nanos)))
    })?;
    defs.func(&m("set-keep-alive-interval"), |cx, (s, ns): (ResourceAny, u64)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| set_keepalive_secs(&socket, libc::TCP_KEEPINTVL, ns)))
    })?;
    defs.func(&m("keep-alive-count"), |cx, (s,): (ResourceAny,)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| net(socket.tcp_keepalive_retries())))
    })?;
    defs.func(&m("set-keep-alive-count"), |cx, (s, count): (ResourceAny, u32)| {
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| {
            if count == 0 {
                return Err(code("invalid-argument"));
            }
            set_int_option(&socket, libc::TCP_KEEPCNT, count.min(MAX_KEEPALIVE_COUNT) as u64)
        }))
    })?;
    defs.func(&m("hop-limit"), |cx, (s,): (ResourceAny,)| {
        let ipv6 = tcp(cx.data.wasi(), s.rep)?.ipv6;
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| super::hop_limit(&socket, ipv6)))
    })?;
    defs.func(&m("set-hop-limit"), |cx, (s, hops): (ResourceAny, u8)| {
        let ipv6 = tcp(cx.data.wasi(), s.rep)?.ipv6;
        Ok(open_socket(cx.data.wasi(), s.rep)?.and_then(|socket| super::set_hop_limit(&socket, ipv6, hops)))
    })?;
    super::buffer_sizes(defs, "wasi:sockets/tcp#[method]tcp-socket", open_socket)?;
    defs.func(&m("subscribe"), move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        let what = match t.state {
            TcpState::Connecting => Pollable::Socket(t.socket.clone(), libc::POLLOUT),
            TcpState::Listening => Pollable::Socket(t.socket.clone(), libc::POLLIN),
            _ => Pollable::Ready,
        };
        subscribe(ctx, k, s.rep, what)
    })?;
    defs.func(&m("shutdown"), |cx, (s, how): (ResourceAny, Val)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        let Some(conn) = t.connection.as_ref().filter(|_| t.state == TcpState::Connected) else {
            return Ok(Err(code("invalid-state")));
        };
        let (receive, send) = match &how {
            Val::Enum(h) if h == "receive" => (true, false),
            Val::Enum(h) if h == "send" => (false, true),
            _ => (true, true),
        };
        // The streams close whatever the kernel says: a peer that already reset the connection
        // makes shutdown(2) fail, but there is nothing left to shut down then.
        if receive {
            conn.read_closed.store(true, Ordering::Relaxed);
            let _ = conn.socket.shutdown(std::net::Shutdown::Read);
        }
        if send {
            conn.write_closed.store(true, Ordering::Relaxed);
            let _ = conn.socket.shutdown(std::net::Shutdown::Write);
        }
        Ok(Ok::<(), Val>(()))
    })?;
    Ok(())
}
