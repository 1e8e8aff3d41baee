//! `wasi:sockets/udp`: a socket bound explicitly, then streamed to any peer or to one (`stream`),
//! with datagram streams that are children of the socket.

use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::Arc;

use cm32_host::{LinkError, ResourceAny, Trap, TrapClass, Val};
use socket2::{Protocol, SockAddr, Socket, Type};

use super::{NetResult, addr, code, error_code, new_socket, not_live, resource};
use crate::io::subscribe;
use crate::table::{Entry, Pollable};
use crate::{Defs, Kinds, WasiCtx, WasiView};

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

fn udp(ctx: &mut WasiCtx, rep: u32) -> Result<&mut Udp, Trap> {
    match ctx.table.get(rep) {
        Some(Entry::UdpSocket(u)) => Ok(u),
        _ => Err(not_live("udp-socket", rep)),
    }
}

fn udp_socket(ctx: &mut WasiCtx, rep: u32) -> Result<NetResult<Arc<Socket>>, Trap> {
    Ok(Ok(udp(ctx, rep)?.socket.clone()))
}

/// The reading of an errno on a datagram (`udp.wit`): an ICMP error the kernel reports later is
/// `remote-unreachable`, and a missing or wrong destination `invalid-argument`.
pub(super) fn datagram_error(e: &io::Error) -> Val {
    match e.raw_os_error() {
        Some(
            libc::ECONNRESET
            | libc::ENETRESET
            | libc::EHOSTUNREACH
            | libc::EHOSTDOWN
            | libc::ENETUNREACH
            | libc::ENETDOWN
            | libc::ENONET,
        ) => code("remote-unreachable"),
        Some(libc::EAFNOSUPPORT | libc::EDESTADDRREQ | libc::EISCONN) => code("invalid-argument"),
        Some(libc::EADDRNOTAVAIL) => code("address-in-use"),
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

fn bytes_of(v: Option<&Val>) -> Vec<u8> {
    match v {
        Some(Val::List(bytes)) => bytes.iter().map(|b| if let Val::U8(b) = b { *b } else { 0 }).collect(),
        _ => Vec::new(),
    }
}

fn field<'a>(fields: &'a [(String, Val)], name: &str) -> Option<&'a Val> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// Sends one `outgoing-datagram` on `socket`, connected to `peer` (if any).
fn send_one(
    ctx: &WasiCtx,
    socket: &Socket,
    ipv6: bool,
    peer: Option<SocketAddr>,
    datagram: &Val,
) -> Result<NetResult<()>, Trap> {
    let Val::Record(fields) = datagram else { return Err(Trap::new(TrapClass::Host, "not an outgoing-datagram")) };
    let data = bytes_of(field(fields, "data"));
    let to = match field(fields, "remote-address") {
        Some(Val::Option(Some(a))) => Some(addr::from_val(a)?),
        _ => None,
    };
    if data.len() > MAX_DATAGRAM {
        return Ok(Err(code("datagram-too-large")));
    }
    let sent = match (to, peer) {
        (Some(to), Some(peer)) if !addr::same_peer(&to, &peer) => Err(code("invalid-argument")),
        (_, Some(_)) => socket.send(&data).map_err(|e| datagram_error(&e)),
        (None, None) => Err(code("invalid-argument")),
        (Some(to), None) => addr::check_remote(ipv6, &to)
            .and_then(|()| ctx.net.reach(&to))
            .and_then(|()| socket.send_to(&data, &SockAddr::from(to)).map_err(|e| datagram_error(&e))),
    };
    Ok(sent.map(drop))
}

pub(super) fn add<T: WasiView>(defs: &mut Defs<'_, T>, k: Kinds) -> Result<(), LinkError> {
    let m = |name: &str| format!("wasi:sockets/udp#[method]udp-socket.{name}");

    defs.func("wasi:sockets/udp-create-socket#create-udp-socket", move |cx, (af,): (Val,)| {
        let ctx = cx.data.wasi();
        if !ctx.net.udp {
            return Ok(Err(code("access-denied")));
        }
        let ipv6 = super::family(&af);
        let socket = match new_socket(ipv6, Type::DGRAM, Protocol::UDP) {
            Ok(s) => s,
            Err(e) => return Ok(Err(e)),
        };
        let entry =
            Udp { socket: Arc::new(socket), ipv6, bind_started: false, bound: false, local: None, remote: None };
        let rep = ctx.table.insert(Entry::UdpSocket(entry))?;
        Ok(Ok(resource(k.udp_socket, rep)?))
    })?;
    defs.func(&m("start-bind"), |cx, (s, _, local): (ResourceAny, ResourceAny, Val)| {
        let local = addr::from_val(&local)?;
        let u = udp(cx.data.wasi(), s.rep)?;
        if u.bound || u.bind_started {
            return Ok(Err(code("invalid-state")));
        }
        if let Err(e) = addr::check_local(u.ipv6, &local) {
            return Ok(Err(e));
        }
        if let Err(e) = u.socket.bind(&SockAddr::from(local)) {
            return Ok(Err(super::tcp::bind_error(&e)));
        }
        let port = u.socket.local_addr().ok().and_then(|a| a.as_socket()).map_or(local.port(), |a| a.port());
        u.local = Some(SocketAddr::new(local.ip(), port));
        u.bind_started = true;
        Ok(Ok(()))
    })?;
    defs.func(&m("finish-bind"), |cx, (s,): (ResourceAny,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(if u.bind_started && !u.bound {
            u.bound = true;
            Ok(())
        } else {
            Err(code("not-in-progress"))
        })
    })?;
    defs.func(&m("stream"), move |cx, (s, remote): (ResourceAny, Option<Val>)| {
        let ctx = cx.data.wasi();
        let remote = remote.as_ref().map(addr::from_val).transpose()?;
        // Only the newest pair of streams may work; the WIT lets the host trap rather than keep
        // track of stale ones, as wasmtime does.
        for kind in ["incoming-datagram-stream", "outgoing-datagram-stream"] {
            if let Some(old) = ctx.table.child_of_kind(s.rep, kind) {
                return Err(Trap::new(
                    TrapClass::Host,
                    format!(
                        "udp-socket {}: `stream` called while {kind} {old} from an earlier call is alive (drop \
                         both streams first)",
                        s.rep
                    ),
                ));
            }
        }
        let u = udp(ctx, s.rep)?;
        if !u.bound {
            return Ok(Err(code("invalid-state")));
        }
        let ipv6 = u.ipv6;
        if let Some(to) = &remote
            && let Err(e) = addr::check_remote(ipv6, to).and_then(|()| ctx.net.reach(to))
        {
            return Ok(Err(e));
        }
        let u = udp(ctx, s.rep)?;
        if u.remote.take().is_some()
            && let Err(e) = disconnect(&u.socket, u.local)
        {
            return Ok(Err(error_code(&e)));
        }
        if let Some(to) = remote {
            if let Err(e) = u.socket.connect(&SockAddr::from(to)) {
                return Ok(Err(datagram_error(&e)));
            }
            u.remote = Some(to);
        }
        let socket = u.socket.clone();
        let incoming = Entry::IncomingDatagrams(Incoming { socket: socket.clone(), remote });
        let outgoing = Entry::OutgoingDatagrams(Outgoing { socket, ipv6, remote, permit: None });
        let incoming = ctx.table.insert_child(incoming, s.rep)?;
        let outgoing = ctx.table.insert_child(outgoing, s.rep)?;
        Ok(Ok((resource(k.incoming_datagram_stream, incoming)?, resource(k.outgoing_datagram_stream, outgoing)?)))
    })?;
    defs.func(&m("local-address"), |cx, (s,): (ResourceAny,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(if u.bound { super::local_of(&u.socket) } else { Err(code("invalid-state")) })
    })?;
    defs.func(&m("remote-address"), |cx, (s,): (ResourceAny,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(if u.remote.is_some() { super::peer_of(&u.socket) } else { Err(code("invalid-state")) })
    })?;
    defs.func(&m("address-family"), |cx, (s,): (ResourceAny,)| {
        Ok(super::family_val(udp(cx.data.wasi(), s.rep)?.ipv6))
    })?;
    defs.func(&m("unicast-hop-limit"), |cx, (s,): (ResourceAny,)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(super::hop_limit(&u.socket, u.ipv6))
    })?;
    defs.func(&m("set-unicast-hop-limit"), |cx, (s, hops): (ResourceAny, u8)| {
        let u = udp(cx.data.wasi(), s.rep)?;
        Ok(super::set_hop_limit(&u.socket, u.ipv6, hops))
    })?;
    super::buffer_sizes(defs, "wasi:sockets/udp#[method]udp-socket", udp_socket)?;
    defs.func(&m("subscribe"), move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        udp(ctx, s.rep)?;
        subscribe(ctx, k, s.rep, Pollable::Ready)
    })?;

    defs.func("wasi:sockets/udp#[method]incoming-datagram-stream.receive", |cx, (s, max): (ResourceAny, u64)| {
        let (socket, remote) = match cx.data.wasi().table.get(s.rep) {
            Some(Entry::IncomingDatagrams(i)) => (i.socket.clone(), i.remote),
            _ => return Err(not_live("incoming-datagram-stream", s.rep)),
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
                    let data: Vec<Val> = buf[..n].iter().map(|b| Val::U8(unsafe { b.assume_init() })).collect();
                    datagrams.push(Val::Record(vec![
                        ("data".into(), Val::List(data)),
                        ("remote-address".into(), addr::to_val(from)),
                    ]));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if datagrams.is_empty() => return Ok(Err(datagram_error(&e))),
                Err(_) => break,
            }
        }
        Ok(Ok(datagrams))
    })?;
    defs.func("wasi:sockets/udp#[method]incoming-datagram-stream.subscribe", move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let socket = match ctx.table.get(s.rep) {
            Some(Entry::IncomingDatagrams(i)) => i.socket.clone(),
            _ => return Err(not_live("incoming-datagram-stream", s.rep)),
        };
        subscribe(ctx, k, s.rep, Pollable::Socket(socket, libc::POLLIN))
    })?;
    defs.func("wasi:sockets/udp#[method]outgoing-datagram-stream.check-send", |cx, (s,): (ResourceAny,)| {
        match cx.data.wasi().table.get(s.rep) {
            Some(Entry::OutgoingDatagrams(out)) => {
                out.permit = Some(SEND_PERMIT);
                Ok(Ok::<u64, Val>(SEND_PERMIT))
            }
            _ => Err(not_live("outgoing-datagram-stream", s.rep)),
        }
    })?;
    defs.func(
        "wasi:sockets/udp#[method]outgoing-datagram-stream.send",
        |cx, (s, datagrams): (ResourceAny, Vec<Val>)| {
            let ctx = cx.data.wasi();
            let out = match ctx.table.get(s.rep) {
                Some(Entry::OutgoingDatagrams(out)) => out,
                _ => return Err(not_live("outgoing-datagram-stream", s.rep)),
            };
            // Each send spends the permit of the check-send before it.
            match out.permit.take() {
                None => {
                    return Err(Trap::new(TrapClass::Host, "send without a permit: call check-send before each send"));
                }
                Some(permit) if datagrams.len() as u64 > permit => {
                    return Err(Trap::new(
                        TrapClass::Host,
                        format!("send of {} datagrams; check-send permitted {permit}", datagrams.len()),
                    ));
                }
                Some(_) => {}
            }
            let (socket, ipv6, peer) = (out.socket.clone(), out.ipv6, out.remote);
            let mut sent = 0u64;
            for datagram in &datagrams {
                match send_one(ctx, &socket, ipv6, peer, datagram)? {
                    Ok(()) => sent += 1,
                    // Nothing sent and the socket's buffer full: none now, as the WIT says.
                    Err(e) if sent == 0 && e == code("would-block") => return Ok(Ok(0)),
                    Err(e) if sent == 0 => return Ok(Err(e)),
                    Err(_) => break,
                }
            }
            Ok(Ok(sent))
        },
    )?;
    defs.func("wasi:sockets/udp#[method]outgoing-datagram-stream.subscribe", move |cx, (s,): (ResourceAny,)| {
        let ctx = cx.data.wasi();
        let socket = match ctx.table.get(s.rep) {
            Some(Entry::OutgoingDatagrams(out)) => out.socket.clone(),
            _ => return Err(not_live("outgoing-datagram-stream", s.rep)),
        };
        subscribe(ctx, k, s.rep, Pollable::Socket(socket, libc::POLLOUT))
    })?;
    Ok(())
}
