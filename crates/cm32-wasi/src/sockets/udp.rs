//! `wasi:sockets/udp`: a socket bound explicitly, then streamed to any peer or to one (`stream`),
//! with datagram streams that are children of the socket.

use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::Arc;

use cm32_host::{Resource, Trap, TrapClass};
use socket2::{Protocol, SockAddr, Socket, Type};

use super::{SocketResult, addr, error_code, net, new_socket, not_live};
use crate::WasiCtx;
use crate::bindings::wasi::io::poll;
use crate::bindings::wasi::sockets::network::{ErrorCode, IpAddressFamily, IpSocketAddress, Network};
use crate::bindings::wasi::sockets::udp::{
    self, IncomingDatagram, IncomingDatagramStream, OutgoingDatagram, OutgoingDatagramStream, UdpSocket,
};
use crate::bindings::wasi::sockets::udp_create_socket;
use crate::io::subscribe;
use crate::table::{Entry, Pollable};

pub(crate) struct Udp {
    socket: Arc<Socket>,
    ipv6: bool,
    bind_started: bool,
    bound: bool,
    /// The address it was bound to, with the port the kernel picked for port 0.
    local: Option<SocketAddr>,
    /// The peer of the last `stream(some(..))`, while the socket is connected to it.
    remote: Option<SocketAddr>,
}

pub(crate) struct Incoming {
    socket: Arc<Socket>,
    remote: Option<SocketAddr>,
}

pub(crate) struct Outgoing {
    socket: Arc<Socket>,
    ipv6: bool,
    remote: Option<SocketAddr>,
    /// What the last `check-send` permitted and no `send` has used yet.
    permit: Option<u64>,
}

/// The most datagrams `check-send` permits at once.
const SEND_PERMIT: u64 = 64;
/// The largest UDP payload.
const MAX_DATAGRAM: usize = 65_535;

fn udp_in(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Udp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::UdpSocket(u)) => Ok(u),
        _ => Err(not_live("udp-socket", rep)),
    }
}

/// The reading of an errno on a datagram (`udp.wit`): an ICMP error the kernel reports later is
/// `remote-unreachable`, and a missing or wrong destination `invalid-argument`.
pub(super) fn datagram_error(e: &io::Error) -> ErrorCode {
    match e.raw_os_error() {
        Some(
            libc::ECONNRESET
            | libc::ENETRESET
            | libc::EHOSTUNREACH
            | libc::EHOSTDOWN
            | libc::ENETUNREACH
            | libc::ENETDOWN
            | libc::ENONET,
        ) => ErrorCode::RemoteUnreachable,
        Some(libc::EAFNOSUPPORT | libc::EDESTADDRREQ | libc::EISCONN) => ErrorCode::InvalidArgument,
        Some(libc::EADDRNOTAVAIL) => ErrorCode::AddressInUse,
        _ => error_code(e),
    }
}

/// Dissolves the socket's association with its peer (`connect` with `AF_UNSPEC`), keeping the
/// address it was bound to.
fn disconnect(socket: &Socket, local: Option<SocketAddr>) -> io::Result<()> {
    // SAFETY: a zeroed sockaddr with family AF_UNSPEC is the documented way to disconnect a
    // datagram socket; the pointer and length describe that one struct.
    let rc = unsafe {
        let mut unspec: libc::sockaddr = std::mem::zeroed();
        unspec.sa_family = libc::AF_UNSPEC as libc::sa_family_t;
        libc::connect(socket.as_raw_fd(), &unspec, std::mem::size_of::<libc::sockaddr>() as libc::socklen_t)
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // Linux also releases a port the kernel picked (bind to port 0): take the same one back, so
    // that the socket stays bound where the guest was told it is.
    let unbound = socket.local_addr()?.as_socket().is_none_or(|a| a.port() == 0);
    match local {
        Some(local) if unbound => socket.bind(&SockAddr::from(local)),
        _ => Ok(()),
    }
}

/// Sends one `outgoing-datagram` on `socket`, connected to `peer` (if any).
fn send_one(
    ctx: &WasiCtx,
    socket: &Socket,
    ipv6: bool,
    peer: Option<SocketAddr>,
    datagram: &OutgoingDatagram,
) -> Result<(), ErrorCode> {
    let data = &datagram.data;
    let to = datagram.remote_address.map(addr::to_std);
    if data.len() > MAX_DATAGRAM {
        return Err(ErrorCode::DatagramTooLarge);
    }
    let sent = match (to, peer) {
        (Some(to), Some(peer)) if !addr::same_peer(&to, &peer) => Err(ErrorCode::InvalidArgument),
        (_, Some(_)) => socket.send(data).map_err(|e| datagram_error(&e)),
        (None, None) => Err(ErrorCode::InvalidArgument),
        (Some(to), None) => addr::check_remote(ipv6, &to)
            .and_then(|()| ctx.net.reach(&to))
            .and_then(|()| socket.send_to(data, &SockAddr::from(to)).map_err(|e| datagram_error(&e))),
    };
    sent.map(drop)
}

impl udp_create_socket::Host for WasiCtx {
    fn create_udp_socket(&mut self, family: IpAddressFamily) -> SocketResult<Resource<UdpSocket>> {
        if !self.net.udp {
            return Err(ErrorCode::AccessDenied.into());
        }
        let socket = new_socket(family, Type::DGRAM, Protocol::UDP)?;
        let ipv6 = family == IpAddressFamily::Ipv6;
        let entry =
            Udp { socket: Arc::new(socket), ipv6, bind_started: false, bound: false, local: None, remote: None };
        Ok(Resource::new_own(self.table.insert(Entry::UdpSocket(entry))?))
    }
}

impl udp::Host for WasiCtx {}

impl udp::HostUdpSocket for WasiCtx {
    fn start_bind(
        &mut self,
        s: Resource<UdpSocket>,
        _network: Resource<Network>,
        local: IpSocketAddress,
    ) -> SocketResult<()> {
        let local = addr::to_std(local);
        let u = udp_in(self, s.rep())?;
        if u.bound || u.bind_started {
            return Err(ErrorCode::InvalidState.into());
        }
        addr::check_local(u.ipv6, &local)?;
        u.socket.bind(&SockAddr::from(local)).map_err(|e| super::tcp::bind_error(&e))?;
        let port = u.socket.local_addr().ok().and_then(|a| a.as_socket()).map_or(local.port(), |a| a.port());
        u.local = Some(SocketAddr::new(local.ip(), port));
        u.bind_started = true;
        Ok(())
    }

    fn finish_bind(&mut self, s: Resource<UdpSocket>) -> SocketResult<()> {
        let u = udp_in(self, s.rep())?;
        if !u.bind_started || u.bound {
            return Err(ErrorCode::NotInProgress.into());
        }
        u.bound = true;
        Ok(())
    }

    fn stream(
        &mut self,
        s: Resource<UdpSocket>,
        remote: Option<IpSocketAddress>,
    ) -> SocketResult<(Resource<IncomingDatagramStream>, Resource<OutgoingDatagramStream>)> {
        let remote = remote.map(addr::to_std);
        // Only the newest pair of streams may work; the WIT lets the host trap rather than keep
        // track of stale ones, as wasmtime does.
        for kind in ["incoming-datagram-stream", "outgoing-datagram-stream"] {
            if let Some(old) = self.table.child_of_kind(s.rep(), kind) {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!(
                        "udp-socket {}: `stream` called while {kind} {old} from an earlier call is alive (drop \
                         both streams first)",
                        s.rep()
                    ),
                )
                .into());
            }
        }
        let u = udp_in(self, s.rep())?;
        if !u.bound {
            return Err(ErrorCode::InvalidState.into());
        }
        let ipv6 = u.ipv6;
        if let Some(to) = &remote {
            addr::check_remote(ipv6, to)?;
            self.net.reach(to)?;
        }
        let u = udp_in(self, s.rep())?;
        if u.remote.take().is_some() {
            net(disconnect(&u.socket, u.local))?;
        }
        if let Some(to) = remote {
            u.socket.connect(&SockAddr::from(to)).map_err(|e| datagram_error(&e))?;
            u.remote = Some(to);
        }
        let socket = u.socket.clone();
        let incoming = Entry::IncomingDatagrams(Incoming { socket: socket.clone(), remote });
        let outgoing = Entry::OutgoingDatagrams(Outgoing { socket, ipv6, remote, permit: None });
        let incoming = self.table.insert_child(incoming, s.rep())?;
        let outgoing = self.table.insert_child(outgoing, s.rep())?;
        Ok((Resource::new_own(incoming), Resource::new_own(outgoing)))
    }

    fn local_address(&mut self, s: Resource<UdpSocket>) -> SocketResult<IpSocketAddress> {
        let u = udp_in(self, s.rep())?;
        Ok(if u.bound { super::local_of(&u.socket) } else { Err(ErrorCode::InvalidState) }?)
    }

    fn remote_address(&mut self, s: Resource<UdpSocket>) -> SocketResult<IpSocketAddress> {
        let u = udp_in(self, s.rep())?;
        Ok(if u.remote.is_some() { super::peer_of(&u.socket) } else { Err(ErrorCode::InvalidState) }?)
    }

    fn address_family(&mut self, s: Resource<UdpSocket>) -> cm32_host::Result<IpAddressFamily> {
        Ok(super::family_of(udp_in(self, s.rep())?.ipv6))
    }

    fn unicast_hop_limit(&mut self, s: Resource<UdpSocket>) -> SocketResult<u8> {
        let u = udp_in(self, s.rep())?;
        Ok(super::hop_limit(&u.socket, u.ipv6)?)
    }

    fn set_unicast_hop_limit(&mut self, s: Resource<UdpSocket>, hops: u8) -> SocketResult<()> {
        let u = udp_in(self, s.rep())?;
        Ok(super::set_hop_limit(&u.socket, u.ipv6, hops)?)
    }

    fn receive_buffer_size(&mut self, s: Resource<UdpSocket>) -> SocketResult<u64> {
        Ok(super::buffer_size(&udp_in(self, s.rep())?.socket, true)?)
    }

    fn set_receive_buffer_size(&mut self, s: Resource<UdpSocket>, size: u64) -> SocketResult<()> {
        Ok(super::set_buffer_size(&udp_in(self, s.rep())?.socket, true, size)?)
    }

    fn send_buffer_size(&mut self, s: Resource<UdpSocket>) -> SocketResult<u64> {
        Ok(super::buffer_size(&udp_in(self, s.rep())?.socket, false)?)
    }

    fn set_send_buffer_size(&mut self, s: Resource<UdpSocket>, size: u64) -> SocketResult<()> {
        Ok(super::set_buffer_size(&udp_in(self, s.rep())?.socket, false, size)?)
    }

    fn subscribe(&mut self, s: Resource<UdpSocket>) -> cm32_host::Result<Resource<poll::Pollable>> {
        udp_in(self, s.rep())?;
        subscribe(self, s.rep(), Pollable::Ready)
    }

    fn drop(&mut self, s: Resource<UdpSocket>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}

impl udp::HostIncomingDatagramStream for WasiCtx {
    fn receive(&mut self, s: Resource<IncomingDatagramStream>, max: u64) -> SocketResult<Vec<IncomingDatagram>> {
        let (socket, remote) = match self.table.get(s.rep()) {
            Some(Entry::IncomingDatagrams(i)) => (i.socket.clone(), i.remote),
            _ => return Err(not_live("incoming-datagram-stream", s.rep()).into()),
        };
        let mut datagrams = Vec::new();
        let mut buf = vec![MaybeUninit::<u8>::uninit(); MAX_DATAGRAM];
        while (datagrams.len() as u64) < max {
            match socket.recv_from(&mut buf) {
                Ok((n, from)) => {
                    let Some(from) = from.as_socket() else { continue };
                    // A datagram that was queued before the socket was connected to its peer
                    // still sits in the queue; the WIT promises only the peer's.
                    if remote.is_some_and(|peer| !addr::same_peer(&from, &peer)) {
                        continue;
                    }
                    // SAFETY: recv_from initialised the first `n` bytes.
                    let data: Vec<u8> = buf[..n].iter().map(|b| unsafe { b.assume_init() }).collect();
                    datagrams.push(IncomingDatagram { data, remote_address: addr::socket_address(from) });
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if datagrams.is_empty() => return Err(datagram_error(&e).into()),
                Err(_) => break,
            }
        }
        Ok(datagrams)
    }

    fn subscribe(&mut self, s: Resource<IncomingDatagramStream>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let socket = match self.table.get(s.rep()) {
            Some(Entry::IncomingDatagrams(i)) => i.socket.clone(),
            _ => return Err(not_live("incoming-datagram-stream", s.rep())),
        };
        subscribe(self, s.rep(), Pollable::Socket(socket, libc::POLLIN))
    }

    fn drop(&mut self, s: Resource<IncomingDatagramStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}

impl udp::HostOutgoingDatagramStream for WasiCtx {
    fn check_send(&mut self, s: Resource<OutgoingDatagramStream>) -> SocketResult<u64> {
        match self.table.get(s.rep()) {
            Some(Entry::OutgoingDatagrams(out)) => {
                out.permit = Some(SEND_PERMIT);
                Ok(SEND_PERMIT)
            }
            _ => Err(not_live("outgoing-datagram-stream", s.rep()).into()),
        }
    }

    fn send(&mut self, s: Resource<OutgoingDatagramStream>, datagrams: Vec<OutgoingDatagram>) -> SocketResult<u64> {
        let out = match self.table.get(s.rep()) {
            Some(Entry::OutgoingDatagrams(out)) => out,
            _ => return Err(not_live("outgoing-datagram-stream", s.rep()).into()),
        };
        // Each send spends the permit of the check-send before it.
        match out.permit.take() {
            None => {
                return Err(
                    Trap::new(TrapClass::Host, "send without a permit: call check-send before each send").into()
                );
            }
            Some(permit) if datagrams.len() as u64 > permit => {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!("send of {} datagrams; check-send permitted {permit}", datagrams.len()),
                )
                .into());
            }
            Some(_) => {}
        }
        let (socket, ipv6, peer) = (out.socket.clone(), out.ipv6, out.remote);
        let mut sent = 0u64;
        for datagram in &datagrams {
            match send_one(self, &socket, ipv6, peer, datagram) {
                Ok(()) => sent += 1,
                // Nothing sent and the socket's buffer full: none now, as the WIT says.
                Err(ErrorCode::WouldBlock) if sent == 0 => return Ok(0),
                Err(e) if sent == 0 => return Err(e.into()),
                Err(_) => break,
            }
        }
        Ok(sent)
    }

    fn subscribe(&mut self, s: Resource<OutgoingDatagramStream>) -> cm32_host::Result<Resource<poll::Pollable>> {
        let socket = match self.table.get(s.rep()) {
            Some(Entry::OutgoingDatagrams(out)) => out.socket.clone(),
            _ => return Err(not_live("outgoing-datagram-stream", s.rep())),
        };
        subscribe(self, s.rep(), Pollable::Socket(socket, libc::POLLOUT))
    }

    fn drop(&mut self, s: Resource<OutgoingDatagramStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}
