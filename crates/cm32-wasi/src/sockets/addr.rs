//! Socket addresses: between the WIT's `ip-socket-address` and std's, and the checks the WIT asks
//! for before an address reaches policy or kernel.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use crate::bindings::wasi::sockets::network::{
    ErrorCode, IpAddress, IpSocketAddress, Ipv4SocketAddress, Ipv6SocketAddress,
};

/// The address the guest gave.
pub(super) fn to_std(addr: IpSocketAddress) -> SocketAddr {
    match addr {
        IpSocketAddress::Ipv4(Ipv4SocketAddress { port, address: (a, b, c, d) }) => {
            SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(a, b, c, d), port))
        }
        IpSocketAddress::Ipv6(Ipv6SocketAddress { port, flow_info, address, scope_id }) => {
            let (a, b, c, d, e, f, g, h) = address;
            SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::new(a, b, c, d, e, f, g, h), port, flow_info, scope_id))
        }
    }
}

pub(super) fn ip_address(ip: IpAddr) -> IpAddress {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            IpAddress::Ipv4((a, b, c, d))
        }
        IpAddr::V6(v6) => {
            let [a, b, c, d, e, f, g, h] = v6.segments();
            IpAddress::Ipv6((a, b, c, d, e, f, g, h))
        }
    }
}

pub(super) fn socket_address(addr: SocketAddr) -> IpSocketAddress {
    match addr {
        SocketAddr::V4(a) => {
            let [w, x, y, z] = a.ip().octets();
            IpSocketAddress::Ipv4(Ipv4SocketAddress { port: a.port(), address: (w, x, y, z) })
        }
        SocketAddr::V6(a) => {
            let [s0, s1, s2, s3, s4, s5, s6, s7] = a.ip().segments();
            IpSocketAddress::Ipv6(Ipv6SocketAddress {
                port: a.port(),
                flow_info: a.flowinfo(),
                address: (s0, s1, s2, s3, s4, s5, s6, s7),
                scope_id: a.scope_id(),
            })
        }
    }
}

/// The address an IPv4-mapped IPv6 address stands for; any other address as it is.
pub(super) fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// An IPv6 address that carries an IPv4 one (`::ffff:a.b.c.d`, or the deprecated `::a.b.c.d`
/// other than `::` and `::1`), which an IPv6-only socket cannot use.
fn embeds_ipv4(v6: &Ipv6Addr) -> bool {
    let s = v6.segments();
    let compatible = s[..6] == [0; 6] && !v6.is_unspecified() && !v6.is_loopback();
    v6.to_ipv4_mapped().is_some() || compatible
}

/// The address's family fits the socket (an IPv6 socket takes no IPv4 in disguise).
pub(super) fn check_family(ipv6: bool, addr: &SocketAddr) -> Result<(), ErrorCode> {
    match addr {
        SocketAddr::V4(_) if !ipv6 => Ok(()),
        SocketAddr::V6(a) if ipv6 && !embeds_ipv4(a.ip()) => Ok(()),
        _ => Err(ErrorCode::InvalidArgument),
    }
}

fn is_unicast(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(v4) => !v4.is_multicast() && !v4.is_broadcast(),
        IpAddr::V6(v6) => !v6.is_multicast(),
    }
}

/// A local address to bind: of the socket's family, and unicast (or unspecified).
pub(super) fn check_local(ipv6: bool, addr: &SocketAddr) -> Result<(), ErrorCode> {
    check_family(ipv6, addr)?;
    if is_unicast(addr.ip()) { Ok(()) } else { Err(ErrorCode::InvalidArgument) }
}

/// A remote address to connect or send to: of the socket's family, unicast, specified, with a
/// port.
pub(super) fn check_remote(ipv6: bool, addr: &SocketAddr) -> Result<(), ErrorCode> {
    check_local(ipv6, addr)?;
    if canonical(addr.ip()).is_unspecified() || addr.port() == 0 {
        return Err(ErrorCode::InvalidArgument);
    }
    Ok(())
}

/// Two addresses name the same peer: the same address and port (flow labels do not count).
pub(super) fn same_peer(a: &SocketAddr, b: &SocketAddr) -> bool {
    canonical(a.ip()) == canonical(b.ip()) && a.port() == b.port()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(r: Result<(), ErrorCode>) -> bool {
        r.is_ok()
    }

    #[test]
    fn remote_addresses() {
        let v4 = |s: &str| s.parse::<SocketAddr>().unwrap();
        assert!(ok(check_remote(false, &v4("127.0.0.1:80"))));
        for bad in ["0.0.0.0:80", "255.255.255.255:80", "224.0.0.1:80", "127.0.0.1:0"] {
            assert!(!ok(check_remote(false, &v4(bad))), "{bad}");
        }
        assert!(!ok(check_remote(false, &v4("[::1]:80"))), "wrong family");
        assert!(ok(check_remote(true, &v4("[::1]:80"))));
        for bad in ["[::]:80", "[ff02::1]:80", "[::ffff:127.0.0.1]:80", "[::127.0.0.1]:80", "[::1]:0"] {
            assert!(!ok(check_remote(true, &v4(bad))), "{bad}");
        }
    }

    #[test]
    fn local_addresses() {
        let a = |s: &str| s.parse::<SocketAddr>().unwrap();
        assert!(ok(check_local(false, &a("0.0.0.0:0"))));
        assert!(ok(check_local(true, &a("[::]:0"))));
        assert!(ok(check_local(true, &a("[::1]:0"))));
        for bad in ["255.255.255.255:0", "224.0.0.1:0"] {
            assert!(!ok(check_local(false, &a(bad))), "{bad}");
        }
        for bad in ["[ff02::1]:0", "[::ffff:127.0.0.1]:0"] {
            assert!(!ok(check_local(true, &a(bad))), "{bad}");
        }
    }

    #[test]
    fn values_round_trip() {
        for s in ["127.0.0.1:5000", "[::1]:5000", "[fe80::1%3]:7"] {
            let addr: SocketAddr = s.parse().unwrap();
            assert_eq!(to_std(socket_address(addr)), addr);
        }
    }
}
