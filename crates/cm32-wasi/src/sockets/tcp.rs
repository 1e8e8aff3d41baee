//! `wasi:sockets/tcp`: the socket's states as the WIT names them, a connect that never blocks
//! (`finish-connect` asks the kernel whether it is done), and the streams of a connection, which
//! `shutdown` closes.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cm32_host::{Resource, Trap};
use socket2::{Protocol, SockAddr, Socket, Type};

use super::{SocketResult, addr, error_code, net, new_socket, not_live};
use crate::WasiCtx;
use crate::bindings::wasi::io::{poll, streams};
use crate::bindings::wasi::sockets::network::{ErrorCode, IpAddressFamily, IpSocketAddress, Network};
use crate::bindings::wasi::sockets::{tcp, tcp_create_socket};
use crate::io::{new_input, new_output, subscribe};
use crate::table::{Entry, Pollable, Source, Target};

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
    fn finish(&mut self, started: TcpState, done: TcpState) -> Result<(), ErrorCode> {
        if self.state != started {
            return Err(ErrorCode::NotInProgress);
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

fn tcp_in(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Tcp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::TcpSocket(t)) => Ok(t),
        _ => Err(not_live("tcp-socket", rep)),
    }
}

/// The socket, for reading and setting its options: not once it is closed.
fn open_socket(ctx: &mut WasiCtx, rep: u32) -> SocketResult<Arc<Socket>> {
    let t = tcp_in(ctx, rep)?;
    if t.state == TcpState::Closed { Err(ErrorCode::InvalidState.into()) } else { Ok(t.socket.clone()) }
}

/// `connect`'s reading of an errno (`tcp.wit`): a failed implicit bind is `address-in-use`, a
/// wrong family `invalid-argument`.
pub(super) fn connect_error(e: &io::Error) -> ErrorCode {
    match e.raw_os_error() {
        Some(libc::EADDRNOTAVAIL) => ErrorCode::AddressInUse,
        Some(libc::EAFNOSUPPORT) => ErrorCode::InvalidArgument,
        _ => error_code(e),
    }
}

/// `accept`'s: Linux reports errors already pending on the new connection from `accept` itself;
/// for the listener they mean the connection was aborted.
pub(super) fn accept_error(e: &io::Error) -> ErrorCode {
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
        ) => ErrorCode::ConnectionAborted,
        _ => error_code(e),
    }
}

/// `bind`'s: a wrong family is `invalid-argument`.
pub(super) fn bind_error(e: &io::Error) -> ErrorCode {
    match e.raw_os_error() {
        Some(libc::EAFNOSUPPORT) => ErrorCode::InvalidArgument,
        _ => error_code(e),
    }
}

/// Streams over a connection, children of the socket `rep`: (input-stream, output-stream).
fn connection_streams(
    ctx: &mut WasiCtx,
    rep: u32,
    conn: &Arc<Connection>,
) -> Result<(Resource<streams::InputStream>, Resource<streams::OutputStream>), Trap> {
    let input = new_input(ctx, Source::Socket(conn.clone()), Some(rep))?;
    let output = new_output(ctx, Target::Socket(conn.clone()), Some(rep))?;
    Ok((input, output))
}

fn set_int_option(socket: &Socket, option: libc::c_int, value: u64) -> Result<(), ErrorCode> {
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
fn set_keepalive_secs(socket: &Socket, option: libc::c_int, nanos: u64) -> Result<(), ErrorCode> {
    if nanos == 0 {
        return Err(ErrorCode::InvalidArgument);
    }
    set_int_option(socket, option, nanos.div_ceil(1_000_000_000).clamp(1, MAX_KEEPALIVE_SECS))
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl tcp_create_socket::Host for WasiCtx {
    fn create_tcp_socket(&mut self, family: IpAddressFamily) -> SocketResult<Resource<tcp::TcpSocket>> {
        if !self.net.tcp {
            return Err(ErrorCode::AccessDenied.into());
        }
        let socket = new_socket(family, Type::STREAM, Protocol::TCP)?;
        let ipv6 = family == IpAddressFamily::Ipv6;
        let entry = Tcp { socket: Arc::new(socket), ipv6, state: TcpState::Unbound, backlog: 128, connection: None };
        Ok(Resource::new_own(self.table.insert(Entry::TcpSocket(entry))?))
    }
}

impl tcp::Host for WasiCtx {}

impl tcp::HostTcpSocket for WasiCtx {
    fn start_bind(
        &mut self,
        s: Resource<tcp::TcpSocket>,
        _network: Resource<Network>,
        local: IpSocketAddress,
    ) -> SocketResult<()> {
        let local = addr::to_std(local);
        let t = tcp_in(self, s.rep())?;
        if t.state != TcpState::Unbound {
            return Err(ErrorCode::InvalidState.into());
        }
        addr::check_local(t.ipv6, &local)?;
        // As the WIT asks: a listener's port is reusable at once after a restart (TIME_WAIT).
        let _ = t.socket.set_reuse_address(true);
        t.socket.bind(&SockAddr::from(local)).map_err(|e| bind_error(&e))?;
        t.state = TcpState::BindStarted;
        Ok(())
    }

    fn finish_bind(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<()> {
        Ok(tcp_in(self, s.rep())?.finish(TcpState::BindStarted, TcpState::Bound)?)
    }

    fn start_connect(
        &mut self,
        s: Resource<tcp::TcpSocket>,
        _network: Resource<Network>,
        remote: IpSocketAddress,
    ) -> SocketResult<()> {
        let remote = addr::to_std(remote);
        let t = tcp_in(self, s.rep())?;
        match t.state {
            TcpState::Unbound | TcpState::Bound => {}
            TcpState::Connecting => return Err(ErrorCode::ConcurrencyConflict.into()),
            _ => return Err(ErrorCode::InvalidState.into()),
        }
        addr::check_remote(t.ipv6, &remote)?;
        self.net.reach(&remote)?;
        let t = tcp_in(self, s.rep())?;
        match t.socket.connect(&SockAddr::from(remote)) {
            Err(e) if e.raw_os_error() != Some(libc::EINPROGRESS) => {
                t.state = TcpState::Closed;
                Err(connect_error(&e).into())
            }
            _ => {
                t.state = TcpState::Connecting;
                Ok(())
            }
        }
    }

    fn finish_connect(
        &mut self,
        s: Resource<tcp::TcpSocket>,
    ) -> SocketResult<(Resource<streams::InputStream>, Resource<streams::OutputStream>)> {
        let t = tcp_in(self, s.rep())?;
        if t.state != TcpState::Connecting {
            return Err(ErrorCode::NotInProgress.into());
        }
        if !super::ready(&t.socket, libc::POLLOUT) {
            return Err(ErrorCode::WouldBlock.into());
        }
        let failed = match t.socket.take_error() {
            Ok(None) => t.socket.peer_addr().err(),
            Ok(Some(e)) | Err(e) => Some(e),
        };
        if let Some(e) = failed {
            t.state = TcpState::Closed;
            return Err(connect_error(&e).into());
        }
        t.state = TcpState::Connected;
        let conn = Connection::new(t.socket.clone());
        t.connection = Some(conn.clone());
        Ok(connection_streams(self, s.rep(), &conn)?)
    }

    fn start_listen(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<()> {
        let t = tcp_in(self, s.rep())?;
        if t.state != TcpState::Bound {
            return Err(ErrorCode::InvalidState.into());
        }
        net(t.socket.listen(t.backlog))?;
        t.state = TcpState::ListenStarted;
        Ok(())
    }

    fn finish_listen(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<()> {
        Ok(tcp_in(self, s.rep())?.finish(TcpState::ListenStarted, TcpState::Listening)?)
    }

    fn accept(
        &mut self,
        s: Resource<tcp::TcpSocket>,
    ) -> SocketResult<(Resource<tcp::TcpSocket>, Resource<streams::InputStream>, Resource<streams::OutputStream>)> {
        let t = tcp_in(self, s.rep())?;
        if t.state != TcpState::Listening {
            return Err(ErrorCode::InvalidState.into());
        }
        let ipv6 = t.ipv6;
        let (accepted, _) = t.socket.accept().map_err(|e| accept_error(&e))?;
        net(accepted.set_nonblocking(true))?;
        let socket = Arc::new(accepted);
        let conn = Connection::new(socket.clone());
        let entry = Tcp { socket, ipv6, state: TcpState::Connected, backlog: 128, connection: Some(conn.clone()) };
        let rep = self.table.insert(Entry::TcpSocket(entry))?;
        let (input, output) = connection_streams(self, rep, &conn)?;
        Ok((Resource::new_own(rep), input, output))
    }

    fn local_address(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<IpSocketAddress> {
        let t = tcp_in(self, s.rep())?;
        Ok(match t.state {
            TcpState::Unbound | TcpState::BindStarted | TcpState::Closed => Err(ErrorCode::InvalidState),
            _ => super::local_of(&t.socket),
        }?)
    }

    fn remote_address(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<IpSocketAddress> {
        let t = tcp_in(self, s.rep())?;
        Ok(if t.state == TcpState::Connected { super::peer_of(&t.socket) } else { Err(ErrorCode::InvalidState) }?)
    }

    fn is_listening(&mut self, s: Resource<tcp::TcpSocket>) -> cm32_host::Result<bool> {
        Ok(tcp_in(self, s.rep())?.state == TcpState::Listening)
    }

    fn address_family(&mut self, s: Resource<tcp::TcpSocket>) -> cm32_host::Result<IpAddressFamily> {
        Ok(super::family_of(tcp_in(self, s.rep())?.ipv6))
    }

    fn set_listen_backlog_size(&mut self, s: Resource<tcp::TcpSocket>, size: u64) -> SocketResult<()> {
        let t = tcp_in(self, s.rep())?;
        if size == 0 {
            return Err(ErrorCode::InvalidArgument.into());
        }
        let size = size.min(i32::MAX as u64) as i32;
        match t.state {
            TcpState::Connecting | TcpState::Connected | TcpState::Closed => Err(ErrorCode::InvalidState.into()),
            // Linux takes a new backlog by listening again.
            TcpState::Listening => Ok(t.socket.listen(size).map_err(|_| ErrorCode::NotSupported)?),
            _ => {
                t.backlog = size;
                Ok(())
            }
        }
    }

    fn keep_alive_enabled(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<bool> {
        Ok(net(open_socket(self, s.rep())?.keepalive())?)
    }

    fn set_keep_alive_enabled(&mut self, s: Resource<tcp::TcpSocket>, on: bool) -> SocketResult<()> {
        Ok(net(open_socket(self, s.rep())?.set_keepalive(on))?)
    }

    // The keep-alive parameters are set one by one, so that setting one neither switches
    // keep-alive on nor touches the others.

    fn keep_alive_idle_time(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<tcp::Duration> {
        Ok(net(open_socket(self, s.rep())?.tcp_keepalive_time()).map(nanos)?)
    }

    fn set_keep_alive_idle_time(&mut self, s: Resource<tcp::TcpSocket>, ns: tcp::Duration) -> SocketResult<()> {
        let socket = open_socket(self, s.rep())?;
        Ok(set_keepalive_secs(&socket, libc::TCP_KEEPIDLE, ns)?)
    }

    fn keep_alive_interval(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<tcp::Duration> {
        Ok(net(open_socket(self, s.rep())?.tcp_keepalive_interval()).map(nanos)?)
    }

    fn set_keep_alive_interval(&mut self, s: Resource<tcp::TcpSocket>, ns: tcp::Duration) -> SocketResult<()> {
        let socket = open_socket(self, s.rep())?;
        Ok(set_keepalive_secs(&socket, libc::TCP_KEEPINTVL, ns)?)
    }

    fn keep_alive_count(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<u32> {
        Ok(net(open_socket(self, s.rep())?.tcp_keepalive_retries())?)
    }

    fn set_keep_alive_count(&mut self, s: Resource<tcp::TcpSocket>, count: u32) -> SocketResult<()> {
        let socket = open_socket(self, s.rep())?;
        if count == 0 {
            return Err(ErrorCode::InvalidArgument.into());
        }
        Ok(set_int_option(&socket, libc::TCP_KEEPCNT, count.min(MAX_KEEPALIVE_COUNT) as u64)?)
    }

    fn hop_limit(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<u8> {
        let ipv6 = tcp_in(self, s.rep())?.ipv6;
        let socket = open_socket(self, s.rep())?;
        Ok(super::hop_limit(&socket, ipv6)?)
    }

    fn set_hop_limit(&mut self, s: Resource<tcp::TcpSocket>, hops: u8) -> SocketResult<()> {
        let ipv6 = tcp_in(self, s.rep())?.ipv6;
        let socket = open_socket(self, s.rep())?;
        Ok(super::set_hop_limit(&socket, ipv6, hops)?)
    }

    fn receive_buffer_size(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<u64> {
        let socket = open_socket(self, s.rep())?;
        Ok(super::buffer_size(&socket, true)?)
    }

    fn set_receive_buffer_size(&mut self, s: Resource<tcp::TcpSocket>, size: u64) -> SocketResult<()> {
        let socket = open_socket(self, s.rep())?;
        Ok(super::set_buffer_size(&socket, true, size)?)
    }

    fn send_buffer_size(&mut self, s: Resource<tcp::TcpSocket>) -> SocketResult<u64> {
        let socket = open_socket(self, s.rep())?;
        Ok(super::buffer_size(&socket, false)?)
    }

    fn set_send_buffer_size(&mut self, s: Resource<tcp::TcpSocket>, size: u64) -> SocketResult<()> {
        let socket = open_socket(self, s.rep())?;
        Ok(super::set_buffer_size(&socket, false, size)?)
    }

    fn subscribe(&mut self, s: Resource<tcp::TcpSocket>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let t = tcp_in(self, s.rep())?;
        let what = match t.state {
            TcpState::Connecting => Pollable::Socket(t.socket.clone(), libc::POLLOUT),
            TcpState::Listening => Pollable::Socket(t.socket.clone(), libc::POLLIN),
            _ => Pollable::Ready,
        };
        subscribe(self, s.rep(), what)
    }

    fn shutdown(&mut self, s: Resource<tcp::TcpSocket>, how: tcp::ShutdownType) -> SocketResult<()> {
        let t = tcp_in(self, s.rep())?;
        let Some(conn) = t.connection.as_ref().filter(|_| t.state == TcpState::Connected) else {
            return Err(ErrorCode::InvalidState.into());
        };
        let (receive, send) = match how {
            tcp::ShutdownType::Receive => (true, false),
            tcp::ShutdownType::Send => (false, true),
            tcp::ShutdownType::Both => (true, true),
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
        Ok(())
    }

    fn drop(&mut self, s: Resource<tcp::TcpSocket>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}
