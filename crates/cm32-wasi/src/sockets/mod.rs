//! `wasi:sockets` on the host's sockets (socket2): every socket is non-blocking, and pollables
//! wait in poll(2).
//!
//! Each operation checks, in this order: the socket's state, the address the guest gave (its
//! family; a remote must be unicast, specified, with a port, and not IPv4-mapped), the host's
//! policy ([`NetPolicy`]), and only then asks the kernel, whose errno is translated by the table
//! the WIT documents for that operation.

mod addr;
mod lookup;
mod tcp;
mod udp;

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::sync::Arc;

use cm32_host::{LinkError, ResourceAny, Trap, TrapClass, Val};
use socket2::{Domain, Protocol, Socket, Type};

use crate::table::Entry;
use crate::{Defs, Kinds, WasiCtx, WasiView};

pub use lookup::{LookupError, NameLookup, Resolver};
pub(crate) use tcp::{Connection, Tcp};
pub(crate) use udp::{Incoming, Outgoing, Udp};

/// What the host lets the guest do on the network.
pub(crate) struct NetPolicy {
    pub(crate) tcp: bool,
    pub(crate) udp: bool,
    /// Connections and datagrams to addresses other than loopback.
    pub(crate) outbound: bool,
    pub(crate) lookup: NameLookup,
    pub(crate) resolver: Resolver,
}

impl Default for NetPolicy {
    fn default() -> Self {
        NetPolicy {
            tcp: true,
            udp: true,
            outbound: false,
            lookup: NameLookup::Local,
            resolver: lookup::system_resolver(),
        }
    }
}

impl NetPolicy {
    /// Whether the guest may reach `remote`: loopback always, anything else with the host's
    /// permission.
    fn reach(&self, remote: &std::net::SocketAddr) -> NetResult<()> {
        if self.outbound || addr::canonical(remote.ip()).is_loopback() { Ok(()) } else { Err(code("access-denied")) }
    }
}

type NetResult<T> = Result<T, Val>;

fn code(name: &str) -> Val {
    Val::Enum(name.to_string())
}

/// The `error-code` for an OS error, by the table that `network.wit` documents; an operation
/// whose WIT documents another reading of an errno translates that errno first.
fn error_name(e: &io::Error) -> &'static str {
    let Some(errno) = e.raw_os_error() else {
        return match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => "would-block",
            io::ErrorKind::PermissionDenied => "access-denied",
            io::ErrorKind::AddrInUse => "address-in-use",
            io::ErrorKind::AddrNotAvailable => "address-not-bindable",
            io::ErrorKind::ConnectionRefused => "connection-refused",
            io::ErrorKind::ConnectionReset => "connection-reset",
            io::ErrorKind::ConnectionAborted => "connection-aborted",
            io::ErrorKind::TimedOut => "timeout",
            io::ErrorKind::InvalidInput => "invalid-argument",
            io::ErrorKind::NotConnected => "invalid-state",
            io::ErrorKind::OutOfMemory => "out-of-memory",
            io::ErrorKind::Unsupported => "not-supported",
            _ => "unknown",
        };
    };
    match errno {
        libc::EWOULDBLOCK | libc::EINTR => "would-block",
        libc::EACCES | libc::EPERM => "access-denied",
        libc::EOPNOTSUPP
        | libc::ENOPROTOOPT
        | libc::EPFNOSUPPORT
        | libc::EPROTONOSUPPORT
        | libc::EPROTOTYPE
        | libc::ESOCKTNOSUPPORT
        | libc::EAFNOSUPPORT => "not-supported",
        libc::EINVAL => "invalid-argument",
        libc::ENOMEM | libc::ENOBUFS => "out-of-memory",
        libc::ETIMEDOUT => "timeout",
        libc::EALREADY => "concurrency-conflict",
        libc::EISCONN | libc::ENOTCONN | libc::EDESTADDRREQ => "invalid-state",
        libc::EMFILE | libc::ENFILE => "new-socket-limit",
        libc::EADDRNOTAVAIL => "address-not-bindable",
        libc::EADDRINUSE => "address-in-use",
        libc::EHOSTUNREACH | libc::EHOSTDOWN | libc::ENETUNREACH | libc::ENETDOWN | libc::ENONET => {
            "remote-unreachable"
        }
        libc::ECONNREFUSED => "connection-refused",
        libc::ECONNRESET => "connection-reset",
        libc::ECONNABORTED => "connection-aborted",
        libc::EMSGSIZE => "datagram-too-large",
        _ => "unknown",
    }
}

fn error_code(e: &io::Error) -> Val {
    code(error_name(e))
}

fn net<T>(r: io::Result<T>) -> NetResult<T> {
    r.map_err(|e| error_code(&e))
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

/// Whether `events` are ready on `socket` right now.
fn ready(socket: &Socket, events: i16) -> bool {
    let mut fd = libc::pollfd { fd: socket.as_raw_fd(), events, revents: 0 };
    // SAFETY: as in `wait`; a zero timeout never blocks.
    unsafe { libc::poll(&mut fd, 1, 0) > 0 }
}

// --- shared by TCP and UDP ----------------------------------------------------------------------

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

fn family_val(ipv6: bool) -> Val {
    code(if ipv6 { "ipv6" } else { "ipv4" })
}

fn resource(ty: Option<cm32_host::types::ResourceIdx>, rep: u32) -> Result<ResourceAny, Trap> {
    let ty = ty.ok_or_else(|| Trap::new(TrapClass::Host, "the world lacks a wasi:sockets resource type"))?;
    Ok(ResourceAny { ty, rep })
}

fn not_live(what: &str, rep: u32) -> Trap {
    Trap::new(TrapClass::Host, format!("rep {rep} is not a live {what}"))
}

fn local_of(socket: &Socket) -> NetResult<Val> {
    net(socket.local_addr()).and_then(|a| a.as_socket().map(addr::to_val).ok_or_else(|| code("invalid-state")))
}

fn peer_of(socket: &Socket) -> NetResult<Val> {
    net(socket.peer_addr()).and_then(|a| a.as_socket().map(addr::to_val).ok_or_else(|| code("invalid-state")))
}

fn hop_limit(socket: &Socket, ipv6: bool) -> NetResult<u8> {
    let hops = net(if ipv6 { socket.unicast_hops_v6() } else { socket.ttl_v4() })?;
    u8::try_from(hops).map_err(|_| code("not-supported"))
}

fn set_hop_limit(socket: &Socket, ipv6: bool, hops: u8) -> NetResult<()> {
    if hops == 0 {
        return Err(code("invalid-argument"));
    }
    net(if ipv6 { socket.set_unicast_hops_v6(hops as u32) } else { socket.set_ttl_v4(hops as u32) })
}

/// Linux reports twice the buffer size that was set (the kernel's bookkeeping); the guest reads
/// back what it set, as on other systems.
fn buffer_size_read(n: usize) -> u64 {
    if cfg!(target_os = "linux") { n as u64 / 2 } else { n as u64 }
}

/// Sets `SO_RCVBUF` or `SO_SNDBUF`: zero is `invalid-argument`, anything else is clamped to what
/// the kernel takes, and a kernel that caps it silently is no error.
fn set_buffer_size(socket: &Socket, receive: bool, n: u64) -> NetResult<()> {
    if n == 0 {
        return Err(code("invalid-argument"));
    }
    let n = n.min(i32::MAX as u64) as usize;
    match if receive { socket.set_recv_buffer_size(n) } else { socket.set_send_buffer_size(n) } {
        Err(e) if e.raw_os_error() == Some(libc::ENOBUFS) => Ok(()),
        other => net(other),
    }
}

/// Finds the socket behind a TCP or UDP socket's representation, if its state lets it be used.
type SocketOf = fn(&mut WasiCtx, u32) -> Result<NetResult<Arc<Socket>>, Trap>;

/// `receive-buffer-size`, `send-buffer-size` and their setters, alike for TCP and UDP.
fn buffer_sizes<T: WasiView>(
    defs: &mut Defs<'_, T>,
    prefix: &'static str,
    socket_of: SocketOf,
) -> Result<(), LinkError> {
    for receive in [true, false] {
        let name = if receive { "receive-buffer-size" } else { "send-buffer-size" };
        defs.func(&format!("{prefix}.{name}"), move |cx, (s,): (ResourceAny,)| {
            Ok(socket_of(cx.data.wasi(), s.rep)?.and_then(|socket| {
                net(if receive { socket.recv_buffer_size() } else { socket.send_buffer_size() }).map(buffer_size_read)
            }))
        })?;
        defs.func(&format!("{prefix}.set-{name}"), move |cx, (s, n): (ResourceAny, u64)| {
            Ok(socket_of(cx.data.wasi(), s.rep)?.and_then(|socket| set_buffer_size(&socket, receive, n)))
        })?;
    }
    Ok(())
}

/// `network-error-code`: the network's reading of a stream error, when its OS error is one the
/// network has a code for (a reset connection, say), and `none` otherwise (a file's error).
fn network_error_code(ctx: &mut WasiCtx, rep: u32) -> Result<Option<Val>, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::Error(error)) => {
            let name = error_name(&error.os);
            Ok((name != "unknown").then(|| code(name)))
        }
        _ => Err(not_live("error", rep)),
    }
}

pub(crate) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    defs.func("wasi:sockets/instance-network#instance-network", move |cx, ()| {
        let rep = cx.data.wasi().table.insert(Entry::Network)?;
        resource(k.network, rep)
    })?;
    defs.func("wasi:sockets/network#network-error-code", |cx, (e,): (ResourceAny,)| {
        network_error_code(cx.data.wasi(), e.rep)
    })?;
    lookup::add(defs, k)?;
    tcp::add(defs, k)?;
    udp::add(defs, k)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (operation, errno, the code the WIT documents for it there).
    const ERRNOS: &[(&str, i32, &str)] = &[
        ("any", libc::EAGAIN, "would-block"),
        ("any", libc::EPERM, "access-denied"),
        ("any", libc::EACCES, "access-denied"),
        ("any", libc::EOPNOTSUPP, "not-supported"),
        ("any", libc::ENOPROTOOPT, "not-supported"),
        ("any", libc::EAFNOSUPPORT, "not-supported"),
        ("any", libc::EINVAL, "invalid-argument"),
        ("any", libc::ENOBUFS, "out-of-memory"),
        ("any", libc::ETIMEDOUT, "timeout"),
        ("any", libc::EALREADY, "concurrency-conflict"),
        ("any", libc::ENOTCONN, "invalid-state"),
        ("any", libc::EISCONN, "invalid-state"),
        ("any", libc::EDESTADDRREQ, "invalid-state"),
        ("any", libc::EMFILE, "new-socket-limit"),
        ("any", libc::EADDRNOTAVAIL, "address-not-bindable"),
        ("any", libc::EADDRINUSE, "address-in-use"),
        ("any", libc::EHOSTDOWN, "remote-unreachable"),
        ("any", libc::ENETDOWN, "remote-unreachable"),
        ("any", libc::ENONET, "remote-unreachable"),
        ("any", libc::ECONNREFUSED, "connection-refused"),
        ("any", libc::ECONNRESET, "connection-reset"),
        ("any", libc::ECONNABORTED, "connection-aborted"),
        ("any", libc::EMSGSIZE, "datagram-too-large"),
        ("any", libc::EISDIR, "unknown"),
        ("bind", libc::EAFNOSUPPORT, "invalid-argument"),
        ("bind", libc::EADDRNOTAVAIL, "address-not-bindable"),
        ("connect", libc::EADDRNOTAVAIL, "address-in-use"),
        ("connect", libc::EAFNOSUPPORT, "invalid-argument"),
        ("connect", libc::ECONNREFUSED, "connection-refused"),
        ("accept", libc::ENETDOWN, "connection-aborted"),
        ("accept", libc::EPROTO, "connection-aborted"),
        ("accept", libc::EAGAIN, "would-block"),
        ("datagram", libc::ECONNRESET, "remote-unreachable"),
        ("datagram", libc::ENETUNREACH, "remote-unreachable"),
        ("datagram", libc::ECONNREFUSED, "connection-refused"),
        ("datagram", libc::EDESTADDRREQ, "invalid-argument"),
        ("datagram", libc::EMSGSIZE, "datagram-too-large"),
        ("datagram", libc::EADDRNOTAVAIL, "address-in-use"),
    ];

    #[test]
    fn errno_tables() {
        for &(operation, errno, name) in ERRNOS {
            let e = io::Error::from_raw_os_error(errno);
            let found = match operation {
                "bind" => tcp::bind_error(&e),
                "connect" => tcp::connect_error(&e),
                "accept" => tcp::accept_error(&e),
                "datagram" => udp::datagram_error(&e),
                _ => error_code(&e),
            };
            assert_eq!(found, code(name), "{operation}: errno {errno}");
        }
        assert_eq!(error_name(&io::Error::from(io::ErrorKind::ConnectionReset)), "connection-reset");
    }
}
