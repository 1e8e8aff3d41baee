//! `wasi:sockets`: TCP, UDP and name lookup on the host's sockets (socket2), non-blocking, with
//! pollables that wait in poll(2). Connections and datagrams to addresses other than loopback are
//! allowed only when the host says so ([`crate::WasiCtxBuilder::allow_outbound`]).

use std::io::{self, Read};
use std::mem::MaybeUninit;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Duration;

use cm32_host::{LinkError, Resource, Trap, TrapClass, Val};
use socket2::{Domain, Protocol, SockAddr, Socket, TcpKeepalive, Type};

use crate::io::{new_input, new_output, new_pollable};
use crate::table::{Entry, Input, Pollable, Target};
use crate::{Defs, Kinds, WasiCtx, WasiView};

/// Where a TCP socket is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TcpState {
    Unbound,
    BindStarted,
    Bound,
    ListenStarted,
    Listening,
    Connecting,
    Connected,
    Closed,
}

pub struct Tcp {
    socket: Arc<Socket>,
    ipv6: bool,
    state: TcpState,
    /// The outcome of a connect started and not yet finished.
    connect: Option<io::Result<()>>,
}

pub struct Udp {
    socket: Arc<Socket>,
    ipv6: bool,
    bound: bool,
    bind_started: bool,
}

type NetResult<T> = Result<T, Val>;

fn code(name: &str) -> Val {
    Val::Enum(name.to_string())
}

/// The error code for an I/O error, as wasi:sockets names them.
fn error_code(e: &io::Error) -> Val {
    code(match e.raw_os_error() {
        Some(libc::EACCES) | Some(libc::EPERM) => "access-denied",
        Some(libc::EADDRINUSE) => "address-in-use",
        Some(libc::EADDRNOTAVAIL) => "address-not-bindable",
        Some(libc::ECONNREFUSED) => "connection-refused",
        Some(libc::ECONNRESET) => "connection-reset",
        Some(libc::ECONNABORTED) => "connection-aborted",
        Some(libc::EHOSTUNREACH) | Some(libc::ENETUNREACH) => "remote-unreachable",
        Some(libc::ETIMEDOUT) => "timeout",
        Some(libc::EAGAIN) => "would-block",
        Some(libc::EINVAL) | Some(libc::EAFNOSUPPORT) => "invalid-argument",
        Some(libc::EMSGSIZE) => "datagram-too-large",
        Some(libc::EMFILE) | Some(libc::ENFILE) => "new-socket-limit",
        Some(libc::ENOMEM) | Some(libc::ENOBUFS) => "out-of-memory",
        Some(libc::EOPNOTSUPP) => "not-supported",
        _ => "unknown",
    })
}

fn net<T>(r: io::Result<T>) -> NetResult<T> {
    r.map_err(|e| error_code(&e))
}

// --- addresses -------------------------------------------------------------------------------

fn field<'a>(fields: &'a [(String, Val)], name: &str) -> Option<&'a Val> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

fn socket_addr(v: &Val) -> Result<SocketAddr, Trap> {
    let bad = || Trap::new(TrapClass::Host, "not an ip-socket-address");
    let Val::Variant(case, Some(payload)) = v else { return Err(bad()) };
    let Val::Record(fields) = &**payload else { return Err(bad()) };
    let port = match field(fields, "port") {
        Some(Val::U16(p)) => *p,
        _ => return Err(bad()),
    };
    match (case.as_str(), field(fields, "address")) {
        ("ipv4", Some(Val::Tuple(parts))) => {
            let b: Vec<u8> = parts.iter().map(|p| if let Val::U8(b) = p { *b } else { 0 }).collect();
            Ok(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(b[0], b[1], b[2], b[3]), port)))
        }
        ("ipv6", Some(Val::Tuple(parts))) => {
            let s: Vec<u16> = parts.iter().map(|p| if let Val::U16(s) = p { *s } else { 0 }).collect();
            let flow = match field(fields, "flow-info") {
                Some(Val::U32(f)) => *f,
                _ => 0,
            };
            let scope = match field(fields, "scope-id") {
                Some(Val::U32(s)) => *s,
                _ => 0,
            };
            let ip = Ipv6Addr::new(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
            Ok(SocketAddr::V6(SocketAddrV6::new(ip, port, flow, scope)))
        }
        _ => Err(bad()),
    }
}

fn ip_val(ip: IpAddr) -> Val {
    match ip {
        IpAddr::V4(v4) => Val::Variant("ipv4".into(), Some(Box::new(Val::Tuple(v4.octets().map(Val::U8).to_vec())))),
        IpAddr::V6(v6) => Val::Variant("ipv6".into(), Some(Box::new(Val::Tuple(v6.segments().map(Val::U16).to_vec())))),
    }
}

fn socket_addr_val(addr: SocketAddr) -> Val {
    let record = match addr {
        SocketAddr::V4(a) => Val::Record(vec![
            ("port".into(), Val::U16(a.port())),
            ("address".into(), Val::Tuple(a.ip().octets().map(Val::U8).to_vec())),
        ]),
        SocketAddr::V6(a) => Val::Record(vec![
            ("port".into(), Val::U16(a.port())),
            ("flow-info".into(), Val::U32(a.flowinfo())),
            ("address".into(), Val::Tuple(a.ip().segments().map(Val::U16).to_vec())),
            ("scope-id".into(), Val::U32(a.scope_id())),
        ]),
    };
    let case = if addr.is_ipv4() { "ipv4" } else { "ipv6" };
    Val::Variant(case.into(), Some(Box::new(record)))
}

fn family_val(ipv6: bool) -> Val {
    code(if ipv6 { "ipv6" } else { "ipv4" })
}

fn local_of(socket: &Socket) -> NetResult<Val> {
    net(socket.local_addr()).and_then(|a| a.as_socket().map(socket_addr_val).ok_or_else(|| code("invalid-state")))
}

fn peer_of(socket: &Socket) -> NetResult<Val> {
    net(socket.peer_addr()).and_then(|a| a.as_socket().map(socket_addr_val).ok_or_else(|| code("invalid-state")))
}

/// Outbound traffic to anything but loopback needs the host's permission.
fn permitted(ctx: &WasiCtx, addr: &SocketAddr) -> NetResult<()> {
    if ctx.allow_outbound || addr.ip().is_loopback() { Ok(()) } else { Err(code("access-denied")) }
}

fn matches_family(ipv6: bool, addr: &SocketAddr) -> NetResult<()> {
    if addr.is_ipv6() == ipv6 { Ok(()) } else { Err(code("invalid-argument")) }
}

// --- stream I/O on connected sockets ---------------------------------------------------------

/// Reads what is there: `Some(0)` at the end, `None` when a non-blocking read finds nothing.
pub(crate) fn recv(socket: &Socket, buf: &mut [u8], blocking: bool) -> io::Result<Option<usize>> {
    loop {
        match (&*socket).read(buf) {
            Ok(n) => return Ok(Some(n)),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if !blocking {
                    return Ok(None);
                }
                wait(socket, libc::POLLIN)?;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Sends all of `bytes`, waiting for the socket to take more when its buffer is full.
pub(crate) fn send_all(socket: &Socket, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match socket.send(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => wait(socket, libc::POLLOUT)?,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn wait(socket: &Socket, events: i16) -> io::Result<()> {
    let mut fd = libc::pollfd { fd: socket.as_raw_fd(), events, revents: 0 };
    // SAFETY: one valid pollfd for a socket that `socket` keeps open.
    let n = unsafe { libc::poll(&mut fd, 1, -1) };
    if n < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

// --- the table ---------------------------------------------------------------------------------

fn tcp(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Tcp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::TcpSocket(t)) => Ok(t),
        _ => Err(Trap::new(TrapClass::Host, format!("rep {rep} is not a live tcp-socket"))),
    }
}

fn udp(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Udp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::UdpSocket(u)) => Ok(u),
        _ => Err(Trap::new(TrapClass::Host, format!("rep {rep} is not a live udp-socket"))),
    }
}

fn resource(ty: Option<cm32_host::types::ResourceIdx>, rep: u32) -> Result<Resource, Trap> {
    let ty = ty.ok_or_else(|| Trap::new(TrapClass::Host, "the world lacks a wasi:sockets resource type"))?;
    Ok(Resource { ty, rep })
}

fn new_socket(ipv6: bool, ty: Type, protocol: Protocol) -> NetResult<Socket> {
    let domain = if ipv6 { Domain::IPV6 } else { Domain::IPV4 };
    let socket = net(Socket::new(domain, ty, Some(protocol)))?;
    if ipv6 {
        net(socket.set_only_v6(true))?;
    }
    net(socket.set_nonblocking(true))?;
    Ok(socket)
}

fn family(v: &Val) -> bool {
    matches!(v, Val::Enum(f) if f == "ipv6")
}

/// Streams over a connected socket: (input-stream, output-stream).
fn streams(ctx: &mut WasiCtx, k: Kinds, socket: &Arc<Socket>) -> Result<(Resource, Resource), Trap> {
    let input = new_input(ctx, k, Input::Socket(socket.clone()))?;
    let output = new_output(ctx, k, Target::Socket(socket.clone()))?;
    Ok((input, output))
}

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:sockets/instance-network#instance-network", move |cx, ()| {
        let rep = cx.data.wasi().table.insert(Entry::Network);
        resource(k.network, rep)
    })?;
    defs.func("wasi:sockets/network#network-error-code", |_, (_,): (Resource,)| Ok(None::<Val>))?;

    // Name lookup resolves right away (blocking); the stream then hands out the addresses.
    defs.func("wasi:sockets/ip-name-lookup#resolve-addresses", move |cx, (_, name): (Resource, String)| {
        let ctx = cx.data.wasi();
        if name.is_empty() || name.contains(':') && name.parse::<Ipv6Addr>().is_err() {
            return Ok(Err(code("invalid-argument")));
        }
        let addrs: Vec<IpAddr> = match (name.as_str(), 0u16).to_socket_addrs() {
            Ok(it) => it.map(|a| a.ip()).collect(),
            Err(_) => return Ok(Err(code("name-unresolvable"))),
        };
        let rep = ctx.table.insert(Entry::ResolveStream(addrs.into_iter()));
        Ok(Ok(resource(k.resolve_address_stream, rep)?))
    })?;
    defs.func(
        "wasi:sockets/ip-name-lookup#[method]resolve-address-stream.resolve-next-address",
        |cx, (s,): (Resource,)| match cx.data.wasi().table.get(s.rep) {
            Some(Entry::ResolveStream(it)) => Ok(Ok::<_, Val>(it.next().map(ip_val))),
            _ => Err(Trap::new(TrapClass::Host, format!("rep {} is not a live resolve-address-stream", s.rep))),
        },
    )?;
    defs.func("wasi:sockets/ip-name-lookup#[method]resolve-address-stream.subscribe", move |cx, (_,): (Resource,)| {
        new_pollable(cx.data.wasi(), k, Pollable::Ready)
    })?;

    add_tcp(defs, k)?;
    add_udp(defs, k)?;
    Ok(())
}

fn add_tcp<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    let m = |name: &str| format!("wasi:sockets/tcp#[method]tcp-socket.{name}");

    defs.func("wasi:sockets/tcp-create-socket#create-tcp-socket", move |cx, (af,): (Val,)| {
        let ipv6 = family(&af);
        let socket = match new_socket(ipv6, Type::STREAM, Protocol::TCP) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let entry = Tcp { socket: Arc::new(socket), ipv6, state: TcpState::Unbound, connect: None };
        let rep = cx.data.wasi().table.insert(Entry::TcpSocket(entry));
        Ok(Ok(resource(k.tcp_socket, rep)?))
    })?;
    defs.func(&m("start-bind"), |cx, (s, _, addr): (Resource, Resource, Val)| {
        let addr = socket_addr(&addr)?;
        let t = tcp(cx.data.wasi(), s.rep)?;
        if t.state != TcpState::Unbound {
            return Ok(Err(code("invalid-state")));
        }
        if let Err(e) = matches_family(t.ipv6, &addr) {
            return Ok(Err(e));
        }
        // Like wasmtime: a fresh listener's port is reusable at once after a restart.
        let _ = t.socket.set_reuse_address(true);
        Ok(net(t.socket.bind(&SockAddr::from(addr))).map(|()| t.state = TcpState::BindStarted))
    })?;
    defs.func(&m("finish-bind"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(if t.state == TcpState::BindStarted {
            t.state = TcpState::Bound;
            Ok(())
        } else {
            Err(code("not-in-progress"))
        })
    })?;
    defs.func(&m("start-connect"), |cx, (s, _, addr): (Resource, Resource, Val)| {
        let addr = socket_addr(&addr)?;
        let ctx = cx.data.wasi();
        if let Err(e) = permitted(ctx, &addr) {
            return Ok(Err(e));
        }
        let t = tcp(ctx, s.rep)?;
        if !matches!(t.state, TcpState::Unbound | TcpState::Bound) {
            return Ok(Err(code("invalid-state")));
        }
        if let Err(e) = matches_family(t.ipv6, &addr) {
            return Ok(Err(e));
        }
        if addr.ip().is_unspecified() || addr.port() == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        // The connect runs to completion here (loopback is immediate); finish-connect reports it.
        let connected = t
            .socket
            .set_nonblocking(false)
            .and_then(|()| t.socket.connect(&SockAddr::from(addr)))
            .and_then(|()| t.socket.set_nonblocking(true));
        t.connect = Some(connected);
        t.state = TcpState::Connecting;
        Ok(Ok::<(), Val>(()))
    })?;
    defs.func(&m("finish-connect"), move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        if t.state != TcpState::Connecting {
            return Ok(Err(code("not-in-progress")));
        }
        match t.connect.take() {
            Some(Ok(())) => {
                t.state = TcpState::Connected;
                let socket = t.socket.clone();
                Ok(Ok(streams(ctx, k, &socket)?))
            }
            Some(Err(e)) => {
                t.state = TcpState::Closed;
                Ok(Err(error_code(&e)))
            }
            None => Ok(Err(code("not-in-progress"))),
        }
    })?;
    defs.func(&m("start-listen"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if t.state != TcpState::Bound {
            return Ok(Err(code("invalid-state")));
        }
        Ok(net(t.socket.listen(128)).map(|()| t.state = TcpState::ListenStarted))
    })?;
    defs.func(&m("finish-listen"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(if t.state == TcpState::ListenStarted {
            t.state = TcpState::Listening;
            Ok(())
        } else {
            Err(code("not-in-progress"))
        })
    })?;
    defs.func(&m("accept"), move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        if t.state != TcpState::Listening {
            return Ok(Err(code("invalid-state")));
        }
        let ipv6 = t.ipv6;
        let (accepted, _) = match t.socket.accept() {
            Ok(pair) => pair,
            Err(e) => return Ok(Err(error_code(&e))),
        };
        if let Err(e) = accepted.set_nonblocking(true) {
            return Ok(Err(error_code(&e)));
        }
        let socket = Arc::new(accepted);
        let entry = Tcp { socket: socket.clone(), ipv6, state: TcpState::Connected, connect: None };
        let rep = ctx.table.insert(Entry::TcpSocket(entry));
        let (input, output) = streams(ctx, k, &socket)?;
        Ok(Ok((resource(k.tcp_socket, rep)?, input, output)))
    })?;
    defs.func(&m("local-address"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(if t.state == TcpState::Unbound { Err(code("invalid-state")) } else { local_of(&t.socket) })
    })?;
    defs.func(&m("remote-address"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        Ok(if t.state == TcpState::Connected { peer_of(&t.socket) } else { Err(code("invalid-state")) })
    })?;
    defs.func(
        &m("is-listening"),
        |cx, (s,): (Resource,)| Ok(tcp(cx.data.wasi(), s.rep)?.state == TcpState::Listening),
    )?;
    defs.func(&m("address-family"), |cx, (s,): (Resource,)| Ok(family_val(tcp(cx.data.wasi(), s.rep)?.ipv6)))?;
    defs.func(&m("set-listen-backlog-size"), |cx, (s, size): (Resource, u64)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if size == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(match t.state {
            TcpState::Listening => net(t.socket.listen(size.min(i32::MAX as u64) as i32)),
            TcpState::Connecting | TcpState::Connected | TcpState::Closed => Err(code("invalid-state")),
            _ => Ok(()),
        })
    })?;
    defs.func(&m("keep-alive-enabled"), |cx, (s,): (Resource,)| {
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.keepalive()))
    })?;
    defs.func(&m("set-keep-alive-enabled"), |cx, (s, on): (Resource, bool)| {
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.set_keepalive(on)))
    })?;
    defs.func(&m("keep-alive-idle-time"), |cx, (s,): (Resource,)| {
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.tcp_keepalive_time()).map(|d| d.as_nanos() as u64))
    })?;
    defs.func(&m("set-keep-alive-idle-time"), |cx, (s, nanos): (Resource, u64)| {
        if nanos == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        let secs = Duration::from_nanos(nanos).as_secs().max(1);
        Ok(net(tcp(cx.data.wasi(), s.rep)?
            .socket
            .set_tcp_keepalive(&TcpKeepalive::new().with_time(Duration::from_secs(secs)))))
    })?;
    defs.func(&m("keep-alive-interval"), |cx, (s,): (Resource,)| {
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.tcp_keepalive_interval()).map(|d| d.as_nanos() as u64))
    })?;
    defs.func(&m("set-keep-alive-interval"), |cx, (s, nanos): (Resource, u64)| {
        if nanos == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        let secs = Duration::from_nanos(nanos).as_secs().max(1);
        let keepalive = TcpKeepalive::new().with_interval(Duration::from_secs(secs));
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.set_tcp_keepalive(&keepalive)))
    })?;
    defs.func(&m("keep-alive-count"), |cx, (s,): (Resource,)| {
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.tcp_keepalive_retries()))
    })?;
    defs.func(&m("set-keep-alive-count"), |cx, (s, count): (Resource, u32)| {
        if count == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(net(tcp(cx.data.wasi(), s.rep)?.socket.set_tcp_keepalive(&TcpKeepalive::new().with_retries(count))))
    })?;
    defs.func(&m("hop-limit"), |cx, (s,): (Resource,)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        let hops = if t.ipv6 { t.socket.unicast_hops_v6() } else { t.socket.ttl_v4() };
        Ok(net(hops).map(|h| h.min(255) as u8))
    })?;
    defs.func(&m("set-hop-limit"), |cx, (s, hops): (Resource, u8)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if hops == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(net(if t.ipv6 { t.socket.set_unicast_hops_v6(hops as u32) } else { t.socket.set_ttl_v4(hops as u32) }))
    })?;
    buffer_sizes(defs, "wasi:sockets/tcp#[method]tcp-socket", |ctx, rep| Ok(tcp(ctx, rep)?.socket.clone()))?;
    defs.func(&m("subscribe"), move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let t = tcp(ctx, s.rep)?;
        let pollable = match t.state {
            TcpState::Listening => Pollable::Socket(t.socket.clone(), libc::POLLIN),
            _ => Pollable::Ready,
        };
        new_pollable(ctx, k, pollable)
    })?;
    defs.func(&m("shutdown"), |cx, (s, how): (Resource, Val)| {
        let t = tcp(cx.data.wasi(), s.rep)?;
        if t.state != TcpState::Connected {
            return Ok(Err(code("invalid-state")));
        }
        let how = match &how {
            Val::Enum(h) if h == "receive" => std::net::Shutdown::Read,
            Val::Enum(h) if h == "send" => std::net::Shutdown::Write,
            _ => std::net::Shutdown::Both,
        };
        Ok(net(t.socket.shutdown(how)))
    })?;
    Ok(())
}

/// `receive-buffer-size`, `send-buffer-size` and their setters, alike for TCP and UDP.
fn buffer_sizes<T: WasiView>(
    defs: &mut Defs<'_, T>,
    prefix: &'static str,
    socket_of: fn(&mut WasiCtx, u32) -> Result<Arc<Socket>, Trap>,
) -> Result<(), LinkError> {
    defs.func(&format!("{prefix}.receive-buffer-size"), move |cx, (s,): (Resource,)| {
        Ok(net(socket_of(cx.data.wasi(), s.rep)?.recv_buffer_size()).map(|n| n as u64))
    })?;
    defs.func(&format!("{prefix}.set-receive-buffer-size"), move |cx, (s, n): (Resource, u64)| {
        if n == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(net(socket_of(cx.data.wasi(), s.rep)?.set_recv_buffer_size(n.min(i32::MAX as u64) as usize)))
    })?;
    defs.func(&format!("{prefix}.send-buffer-size"), move |cx, (s,): (Resource,)| {
        Ok(net(socket_of(cx.data.wasi(), s.rep)?.send_buffer_size()).map(|n| n as u64))
    })?;
    defs.func(&format!("{prefix}.set-send-buffer-size"), move |cx, (s, n): (Resource, u64)| {
        if n == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(net(socket_of(cx.data.wasi(), s.rep)?.set_send_buffer_size(n.min(i32::MAX as u64) as usize)))
    })?;
    Ok(())
}

/// The most datagrams `check-send` permits at once.
const SEND_PERMIT: u64 = 64;

fn add_udp<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    let m = |name: &str| format!("wasi:sockets/udp#[method]udp-socket.{name}");

    defs.func("wasi:sockets/udp-create-socket#create-udp-socket", move |cx, (af,): (Val,)| {
        let ipv6 = family(&af);
        let socket = match new_socket(ipv6, Type::DGRAM, Protocol::UDP) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let entry = Udp { socket: Arc::new(socket), ipv6, bound: false, bind_started: false };
        let rep = cx.data.wasi().table.insert(Entry::UdpSocket(entry));
        Ok(Ok(resource(k.udp_socket, rep)?))
    })?;
    defs.func(&m("start-bind"), |cx, (s, _, addr): (Resource, Resource, Val)| {
        let addr = socket_addr(&addr)?;
        let u = udp(cx.data.wasi(), s.rep)?;
        if u.bound || u.bind_started {
            return Ok(Err(code("invalid-state")));
        }
        if let Err(e) = matches_family(u.ipv6, &addr) {
            return Ok(Err(e));
        }
        Ok(net(u.socket.bind(&SockAddr::from(addr))).map(|()| u.bind_started = true))
    })?;
    defs.func(&m("finish-bind"), |cx, (s,): (Resource,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(if u.bind_started && !u.bound {
            u.bound = true;
            Ok(())
        } else {
            Err(code("not-in-progress"))
        })
    })?;
    defs.func(&m("stream"), move |cx, (s, remote): (Resource, Option<Val>)| {
        let ctx = cx.data.wasi();
        let remote = remote.as_ref().map(socket_addr).transpose()?;
        if let Some(addr) = &remote
            && let Err(e) = permitted(ctx, addr)
        {
            return Ok(Err(e));
        }
        let u = udp(ctx, s.rep)?;
        if !u.bound {
            return Ok(Err(code("invalid-state")));
        }
        if let Some(addr) = &remote
            && let Err(e) = matches_family(u.ipv6, addr).and_then(|()| net(u.socket.connect(&SockAddr::from(*addr))))
        {
            return Ok(Err(e));
        }
        let socket = u.socket.clone();
        let incoming = ctx.table.insert(Entry::IncomingDatagrams(socket.clone()));
        let outgoing = ctx.table.insert(Entry::OutgoingDatagrams(socket, remote));
        Ok(Ok((resource(k.incoming_datagram_stream, incoming)?, resource(k.outgoing_datagram_stream, outgoing)?)))
    })?;
    defs.func(&m("local-address"), |cx, (s,): (Resource,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(if u.bound { local_of(&u.socket) } else { Err(code("invalid-state")) })
    })?;
    defs.func(&m("remote-address"), |cx, (s,): (Resource,)| Ok(peer_of(&udp(cx.data.wasi(), s.rep)?.socket)))?;
    defs.func(&m("address-family"), |cx, (s,): (Resource,)| Ok(family_val(udp(cx.data.wasi(), s.rep)?.ipv6)))?;
    defs.func(&m("unicast-hop-limit"), |cx, (s,): (Resource,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        let hops = if u.ipv6 { u.socket.unicast_hops_v6() } else { u.socket.ttl_v4() };
        Ok(net(hops).map(|h| h.min(255) as u8))
    })?;
    defs.func(&m("set-unicast-hop-limit"), |cx, (s, hops): (Resource, u8)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        if hops == 0 {
            return Ok(Err(code("invalid-argument")));
        }
        Ok(net(if u.ipv6 { u.socket.set_unicast_hops_v6(hops as u32) } else { u.socket.set_ttl_v4(hops as u32) }))
    })?;
    buffer_sizes(defs, "wasi:sockets/udp#[method]udp-socket", |ctx, rep| Ok(udp(ctx, rep)?.socket.clone()))?;
    defs.func(&m("subscribe"), move |cx, (_,): (Resource,)| new_pollable(cx.data.wasi(), k, Pollable::Ready))?;

    defs.func("wasi:sockets/udp#[method]incoming-datagram-stream.receive", |cx, (s, max): (Resource, u64)| {
        let socket = match cx.data.wasi().table.get(s.rep) {
            Some(Entry::IncomingDatagrams(socket)) => socket.clone(),
            _ => {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("rep {} is not a live incoming-datagram-stream", s.rep),
                ));
            }
        };
        let mut datagrams = Vec::new();
        let mut buf = vec![MaybeUninit::<u8>::uninit(); 65536];
        while (datagrams.len() as u64) < max {
            match socket.recv_from(&mut buf) {
                Ok((n, from)) => {
                    // SAFETY: recv_from initialised the first `n` bytes.
                    let data: Vec<u8> = buf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
                    let Some(from) = from.as_socket() else { continue };
                    datagrams.push(Val::Record(vec![
                        ("data".into(), Val::List(data.into_iter().map(Val::U8).collect())),
                        ("remote-address".into(), socket_addr_val(from)),
                    ]));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) => return Ok(Err(error_code(&e))),
            }
        }
        Ok(Ok(datagrams))
    })?;
    defs.func("wasi:sockets/udp#[method]incoming-datagram-stream.subscribe", move |cx, (s,): (Resource,)| {
        let ctx = cx.data.wasi();
        let socket = match ctx.table.get(s.rep) {
            Some(Entry::IncomingDatagrams(socket)) => socket.clone(),
            _ => {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("rep {} is not a live incoming-datagram-stream", s.rep),
                ));
            }
        };
        new_pollable(ctx, k, Pollable::Socket(socket, libc::POLLIN))
    })?;
    defs.func("wasi:sockets/udp#[method]outgoing-datagram-stream.check-send", |cx, (s,): (Resource,)| {
        match cx.data.wasi().table.get(s.rep) {
            Some(Entry::OutgoingDatagrams(..)) => Ok(Ok::<u64, Val>(SEND_PERMIT)),
            _ => Err(Trap::new(TrapClass::Host, format!("rep {} is not a live outgoing-datagram-stream", s.rep))),
        }
    })?;
    defs.func("wasi:sockets/udp#[method]outgoing-datagram-stream.send", |cx, (s, datagrams): (Resource, Vec<Val>)| {
        let ctx = cx.data.wasi();
        let (socket, connected) = match ctx.table.get(s.rep) {
            Some(Entry::OutgoingDatagrams(socket, remote)) => (socket.clone(), *remote),
            _ => {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("rep {} is not a live outgoing-datagram-stream", s.rep),
                ));
            }
        };
        if datagrams.len() as u64 > SEND_PERMIT {
            return Err(Trap::new(
                TrapClass::Host,
                format!("send of {} datagrams; check-send permitted {SEND_PERMIT}", datagrams.len()),
            ));
        }
        let mut sent = 0u64;
        for d in &datagrams {
            let Val::Record(fields) = d else { return Err(Trap::new(TrapClass::Host, "not an outgoing-datagram")) };
            let data: Vec<u8> = match field(fields, "data") {
                Some(Val::List(bytes)) => bytes.iter().map(|b| if let Val::U8(b) = b { *b } else { 0 }).collect(),
                _ => Vec::new(),
            };
            let to = match field(fields, "remote-address") {
                Some(Val::Option(Some(addr))) => Some(socket_addr(addr)?),
                _ => None,
            };
            let result = match (to, connected) {
                (Some(addr), Some(c)) if addr != c => Err(code("invalid-argument")),
                (Some(addr), None) => {
                    permitted(ctx, &addr).and_then(|()| net(socket.send_to(&data, &SockAddr::from(addr))))
                }
                (_, Some(_)) => net(socket.send(&data)),
                (None, None) => Err(code("invalid-argument")),
            };
            match result {
                Ok(_) => sent += 1,
                Err(e) if sent == 0 => return Ok(Err(e)),
                Err(_) => break,
            }
        }
        Ok(Ok(sent))
    })?;
    defs.func("wasi:sockets/udp#[method]outgoing-datagram-stream.subscribe", move |cx, (_,): (Resource,)| {
        new_pollable(cx.data.wasi(), k, Pollable::Ready)
    })?;
    Ok(())
}
