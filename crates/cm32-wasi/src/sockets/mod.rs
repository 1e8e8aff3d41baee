//! `wasi:sockets` on the host's sockets (socket2): every socket is non-blocking, and pollables
//! wait in poll(2).
//!
//! Each operation checks, in this order: the socket's state, the address the guest gave (its
//! family; a remote must be unicast, specified, with a port, and not IPv4-mapped), the host's
//! policy ([`NetPolicy`]), and only then asks the kernel, whose errno is translated by the table
//! the WIT documents for that operation.
//!
//! This module is `wasi:sockets/network` and `instance-network`, and what TCP and UDP share;
//! each other interface has a module of its own.

mod addr;
mod lookup;
mod tcp;
mod udp;

use std::io::{self, Read};
use std::os::fd::AsRawFd;

use cm32_host::{Resource, Trap, TrapClass};
use socket2::{Domain, Protocol, Socket, Type};

use crate::WasiCtx;
use crate::bindings::TrappableError;
use crate::bindings::wasi::io::error;
use crate::bindings::wasi::sockets::instance_network;
use crate::bindings::wasi::sockets::network::{self, ErrorCode, IpAddressFamily, IpSocketAddress};
use crate::table::Entry;

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
    fn reach(&self, remote: &std::net::SocketAddr) -> Result<(), ErrorCode> {
        if self.outbound || addr::canonical(remote.ip()).is_loopback() { Ok(()) } else { Err(ErrorCode::AccessDenied) }
    }
}

/// A network `error-code` for the guest, or a trap.
pub type SocketError = TrappableError<ErrorCode>;

impl From<ErrorCode> for SocketError {
    fn from(code: ErrorCode) -> Self {
        TrappableError::Code(code)
    }
}

type SocketResult<T> = Result<T, SocketError>;

/// The `error-code` for an OS error, by the table that `network.wit` documents; an operation
/// whose WIT documents another reading of an errno translates that errno first.
fn error_code(e: &io::Error) -> ErrorCode {
    let Some(errno) = e.raw_os_error() else {
        return match e.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => ErrorCode::WouldBlock,
            io::ErrorKind::PermissionDenied => ErrorCode::AccessDenied,
            io::ErrorKind::AddrInUse => ErrorCode::AddressInUse,
            io::ErrorKind::AddrNotAvailable => ErrorCode::AddressNotBindable,
            io::ErrorKind::ConnectionRefused => ErrorCode::ConnectionRefused,
            io::ErrorKind::ConnectionReset => ErrorCode::ConnectionReset,
            io::ErrorKind::ConnectionAborted => ErrorCode::ConnectionAborted,
            io::ErrorKind::TimedOut => ErrorCode::Timeout,
            io::ErrorKind::InvalidInput => ErrorCode::InvalidArgument,
            io::ErrorKind::NotConnected => ErrorCode::InvalidState,
            io::ErrorKind::OutOfMemory => ErrorCode::OutOfMemory,
            io::ErrorKind::Unsupported => ErrorCode::NotSupported,
            _ => ErrorCode::Unknown,
        };
    };
    match errno {
        libc::EWOULDBLOCK | libc::EINTR => ErrorCode::WouldBlock,
        libc::EACCES | libc::EPERM => ErrorCode::AccessDenied,
        libc::EOPNOTSUPP
        | libc::ENOPROTOOPT
        | libc::EPFNOSUPPORT
        | libc::EPROTONOSUPPORT
        | libc::EPROTOTYPE
        | libc::ESOCKTNOSUPPORT
        | libc::EAFNOSUPPORT => ErrorCode::NotSupported,
        libc::EINVAL => ErrorCode::InvalidArgument,
        libc::ENOMEM | libc::ENOBUFS => ErrorCode::OutOfMemory,
        libc::ETIMEDOUT => ErrorCode::Timeout,
        libc::EALREADY => ErrorCode::ConcurrencyConflict,
        libc::EISCONN | libc::ENOTCONN | libc::EDESTADDRREQ => ErrorCode::InvalidState,
        libc::EMFILE | libc::ENFILE => ErrorCode::NewSocketLimit,
        libc::EADDRNOTAVAIL => ErrorCode::AddressNotBindable,
        libc::EADDRINUSE => ErrorCode::AddressInUse,
        libc::EHOSTUNREACH | libc::EHOSTDOWN | libc::ENETUNREACH | libc::ENETDOWN | libc::ENONET => {
            ErrorCode::RemoteUnreachable
        }
        libc::ECONNREFUSED => ErrorCode::ConnectionRefused,
        libc::ECONNRESET => ErrorCode::ConnectionReset,
        libc::ECONNABORTED => ErrorCode::ConnectionAborted,
        libc::EMSGSIZE => ErrorCode::DatagramTooLarge,
        _ => ErrorCode::Unknown,
    }
}

fn net<T>(r: io::Result<T>) -> Result<T, ErrorCode> {
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

fn new_socket(family: IpAddressFamily, ty: Type, protocol: Protocol) -> Result<Socket, ErrorCode> {
    let ipv6 = family == IpAddressFamily::Ipv6;
    let domain = if ipv6 { Domain::IPV6 } else { Domain::IPV4 };
    let socket = net(Socket::new(domain, ty, Some(protocol)))?;
    if ipv6 {
        net(socket.set_only_v6(true))?;
    }
    net(socket.set_nonblocking(true))?;
    Ok(socket)
}

fn family_of(ipv6: bool) -> IpAddressFamily {
    if ipv6 { IpAddressFamily::Ipv6 } else { IpAddressFamily::Ipv4 }
}

fn not_live(what: &str, rep: u32) -> Trap {
    Trap::new(TrapClass::Host, format!("rep {rep} is not a live {what}"))
}

fn local_of(socket: &Socket) -> Result<IpSocketAddress, ErrorCode> {
    net(socket.local_addr()).and_then(|a| a.as_socket().map(addr::socket_address).ok_or(ErrorCode::InvalidState))
}

fn peer_of(socket: &Socket) -> Result<IpSocketAddress, ErrorCode> {
    net(socket.peer_addr()).and_then(|a| a.as_socket().map(addr::socket_address).ok_or(ErrorCode::InvalidState))
}

fn hop_limit(socket: &Socket, ipv6: bool) -> Result<u8, ErrorCode> {
    let hops = net(if ipv6 { socket.unicast_hops_v6() } else { socket.ttl_v4() })?;
    u8::try_from(hops).map_err(|_| ErrorCode::NotSupported)
}

fn set_hop_limit(socket: &Socket, ipv6: bool, hops: u8) -> Result<(), ErrorCode> {
    if hops == 0 {
        return Err(ErrorCode::InvalidArgument);
    }
    net(if ipv6 { socket.set_unicast_hops_v6(hops as u32) } else { socket.set_ttl_v4(hops as u32) })
}

/// `SO_RCVBUF` or `SO_SNDBUF`. Linux reports twice the buffer size that was set (the kernel's
/// bookkeeping); the guest reads back what it set, as on other systems.
fn buffer_size(socket: &Socket, receive: bool) -> Result<u64, ErrorCode> {
    let n = net(if receive { socket.recv_buffer_size() } else { socket.send_buffer_size() })?;
    Ok(if cfg!(target_os = "linux") { n as u64 / 2 } else { n as u64 })
}

/// Sets `SO_RCVBUF` or `SO_SNDBUF`: zero is `invalid-argument`, anything else is clamped to what
/// the kernel takes, and a kernel that caps it silently is no error.
fn set_buffer_size(socket: &Socket, receive: bool, n: u64) -> Result<(), ErrorCode> {
    if n == 0 {
        return Err(ErrorCode::InvalidArgument);
    }
    let n = n.min(i32::MAX as u64) as usize;
    match if receive { socket.set_recv_buffer_size(n) } else { socket.set_send_buffer_size(n) } {
        Err(e) if e.raw_os_error() == Some(libc::ENOBUFS) => Ok(()),
        other => net(other),
    }
}

impl instance_network::Host for WasiCtx {
    fn instance_network(&mut self) -> cm32_host::Result<Resource<network::Network>> {
        Ok(Resource::new_own(self.table.insert(Entry::Network)?))
    }
}

impl network::Host for WasiCtx {
    fn convert_error_code(&mut self, err: SocketError) -> cm32_host::Result<ErrorCode> {
        err.into_code()
    }

    /// The network's reading of a stream error, when its OS error is one the network has a code
    /// for (a reset connection, say), and `none` otherwise (a file's error).
    fn network_error_code(&mut self, e: Resource<error::Error>) -> cm32_host::Result<Option<ErrorCode>> {
        match self.table.get(e.rep()) {
            Some(Entry::Error(error)) => {
                let code = error_code(&error.os);
                Ok((code != ErrorCode::Unknown).then_some(code))
            }
            _ => Err(not_live("error", e.rep())),
        }
    }
}

impl network::HostNetwork for WasiCtx {
    fn drop(&mut self, n: Resource<network::Network>) -> cm32_host::Result<()> {
        self.table.remove(n.rep()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (operation, errno, the code the WIT documents for it there).
    const ERRNOS: &[(&str, i32, ErrorCode)] = &[
        ("any", libc::EAGAIN, ErrorCode::WouldBlock),
        ("any", libc::EPERM, ErrorCode::AccessDenied),
        ("any", libc::EACCES, ErrorCode::AccessDenied),
        ("any", libc::EOPNOTSUPP, ErrorCode::NotSupported),
        ("any", libc::ENOPROTOOPT, ErrorCode::NotSupported),
        ("any", libc::EAFNOSUPPORT, ErrorCode::NotSupported),
        ("any", libc::EINVAL, ErrorCode::InvalidArgument),
        ("any", libc::ENOBUFS, ErrorCode::OutOfMemory),
        ("any", libc::ETIMEDOUT, ErrorCode::Timeout),
        ("any", libc::EALREADY, ErrorCode::ConcurrencyConflict),
        ("any", libc::ENOTCONN, ErrorCode::InvalidState),
        ("any", libc::EISCONN, ErrorCode::InvalidState),
        ("any", libc::EDESTADDRREQ, ErrorCode::InvalidState),
        ("any", libc::EMFILE, ErrorCode::NewSocketLimit),
        ("any", libc::EADDRNOTAVAIL, ErrorCode::AddressNotBindable),
        ("any", libc::EADDRINUSE, ErrorCode::AddressInUse),
        ("any", libc::EHOSTDOWN, ErrorCode::RemoteUnreachable),
        ("any", libc::ENETDOWN, ErrorCode::RemoteUnreachable),
        ("any", libc::ENONET, ErrorCode::RemoteUnreachable),
        ("any", libc::ECONNREFUSED, ErrorCode::ConnectionRefused),
        ("any", libc::ECONNRESET, ErrorCode::ConnectionReset),
        ("any", libc::ECONNABORTED, ErrorCode::ConnectionAborted),
        ("any", libc::EMSGSIZE, ErrorCode::DatagramTooLarge),
        ("any", libc::EISDIR, ErrorCode::Unknown),
        ("bind", libc::EAFNOSUPPORT, ErrorCode::InvalidArgument),
        ("bind", libc::EADDRNOTAVAIL, ErrorCode::AddressNotBindable),
        ("connect", libc::EADDRNOTAVAIL, ErrorCode::AddressInUse),
        ("connect", libc::EAFNOSUPPORT, ErrorCode::InvalidArgument),
        ("connect", libc::ECONNREFUSED, ErrorCode::ConnectionRefused),
        ("accept", libc::ENETDOWN, ErrorCode::ConnectionAborted),
        ("accept", libc::EPROTO, ErrorCode::ConnectionAborted),
        ("accept", libc::EAGAIN, ErrorCode::WouldBlock),
        ("datagram", libc::ECONNRESET, ErrorCode::RemoteUnreachable),
        ("datagram", libc::ENETUNREACH, ErrorCode::RemoteUnreachable),
        ("datagram", libc::ECONNREFUSED, ErrorCode::ConnectionRefused),
        ("datagram", libc::EDESTADDRREQ, ErrorCode::InvalidArgument),
        ("datagram", libc::EMSGSIZE, ErrorCode::DatagramTooLarge),
        ("datagram", libc::EADDRNOTAVAIL, ErrorCode::AddressInUse),
    ];

    #[test]
    fn errno_tables() {
        for &(operation, errno, code) in ERRNOS {
            let e = io::Error::from_raw_os_error(errno);
            let found = match operation {
                "bind" => tcp::bind_error(&e),
                "connect" => tcp::connect_error(&e),
                "accept" => tcp::accept_error(&e),
                "datagram" => udp::datagram_error(&e),
                _ => error_code(&e),
            };
            assert_eq!(found, code, "{operation}: errno {errno}");
        }
        assert_eq!(error_code(&io::Error::from(io::ErrorKind::ConnectionReset)), ErrorCode::ConnectionReset);
    }
}
