//! Socket addresses: between `ip-socket-address` values and std's, and the checks the WIT asks
//! for before an address reaches policy or kernel.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use cm32_host::{Trap, TrapClass, Val};

use super::{NetResult, code};

fn field<'a>(fields: &'a [(String, Val)], name: &str) -> Option<&'a Val> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

/// An `ip-socket-address` the host lifted (so of the right type; anything else is a host bug).
pub(super) fn from_val(v: &Val) -> Result<SocketAddr, Trap> {
    let bad = || Trap::new(TrapClass::Host, "not an ip-socket-address");
    let Val::Variant(case, Some(payload)) = v else { return Err(bad()) };
    let Val::Record(fields) = &**payload else { return Err(bad()) };
    let Some(Val::U16(port)) = field(fields, "port") else { return Err(bad()) };
    let Some(Val::Tuple(parts)) = field(fields, "address") else { return Err(bad()) };
    match case.as_str() {
        "ipv4" => {
            let b: Vec<u8> = parts.iter().map(|p| if let Val::U8(b) = p { *b } else { 0 }).collect();
            let [a, b, c, d] = b[..] else { return Err(bad()) };
            Ok(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::new(a, b, c, d), *port)))
        }
        "ipv6" => {
            let s: Vec<u16> = parts.iter().map(|p| if let Val::U16(s) = p { *s } else { 0 }).collect();
            let [a, b, c, d, e, f, g, h] = s[..] else { return Err(bad()) };
            let flow = if let Some(Val::U32(f)) = field(fields, "flow-info") { *f } else { 0 };
            let scope = if let Some(Val::U32(s)) = field(fields, "scope-id") { *s } else { 0 };
            Ok(SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::new(a, b, c, d, e, f, g, h), *port, flow, scope)))
        }
        _ => Err(bad()),
    }
}

pub(super) fn ip_to_val(ip: IpAddr) -> Val {
    match ip {
        IpAddr::V4(v4) => Val::Variant("ipv4".into(), Some(Box::new(Val::Tuple(v4.octets().map(Val::U8).to_vec())))),
        IpAddr::V6(v6) => Val::Variant("ipv6".into(), Some(Box::new(Val::Tuple(v6.segments().map(Val::U16).to_vec())))),
    }
}

pub(super) fn to_val(addr: SocketAddr) -> Val {
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
pub(super) fn check_family(ipv6: bool, addr: &SocketAddr) -> NetResult<()> {
    match addr {
        SocketAddr::V4(_) if !ipv6 => Ok(()),
        SocketAddr::V6(a) if ipv6 && !embeds_ipv4(a.ip()) => Ok(()),
        _ => Err(code("invalid-argument")),
    }
}

fn is_unicast(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(v4) => !v4.is_multicast() && !v4.is_broadcast(),
        IpAddr::V6(v6) => !v6.is_multicast(),
    }
}

/// A local address to bind: of the socket's family, and unicast (or unspecified).
pub(super) fn check_local(ipv6: bool, addr: &SocketAddr) -> NetResult<()> {
    check_family(ipv6, addr)?;
    if is_unicast(addr.ip()) { Ok(()) } else { Err(code("invalid-argument")) }
}

/// A remote address to connect or send to: of the socket's family, unicast, specified, with a
/// port.
pub(super) fn check_remote(ipv6: bool, addr: &SocketAddr) -> NetResult<()> {
    check_local(ipv6, addr)?;
    if canonical(addr.ip()).is_unspecified() || addr.port() == 0 {
        return Err(code("invalid-argument"));
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

    fn ok(r: NetResult<()>) -> bool {
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
            assert_eq!(from_val(&to_val(addr)).unwrap(), addr);
        }
    }
}
