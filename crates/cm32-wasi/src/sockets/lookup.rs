//! `wasi:sockets/ip-name-lookup`. A lookup reaches a DNS server, so it is an outbound channel:
//! by default only names that need no network are answered (`localhost` and its subdomains,
//! literal addresses), and everything else is `access-denied` before any resolver runs.

use std::ffi::CString;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use cm32_host::Resource;

use super::{SocketResult, addr, not_live};
use crate::WasiCtx;
use crate::bindings::wasi::io::poll;
use crate::bindings::wasi::sockets::ip_name_lookup::{self, ResolveAddressStream};
use crate::bindings::wasi::sockets::network::{ErrorCode, IpAddress, Network};
use crate::io::subscribe;
use crate::table::{Entry, Pollable};

/// Which names `resolve-addresses` answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameLookup {
    /// None: every lookup is `access-denied`.
    Off,
    /// Only names that need no network: `localhost` (and `*.localhost`) and literal addresses.
    Local,
    /// Any name; the ones that are not local go to the resolver.
    Any,
}

/// Why the resolver found no address, as `wasi:sockets` tells them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// No such name, or no address for it.
    NameUnresolvable,
    /// Try again later.
    Temporary,
    /// Lookups fail for good.
    Permanent,
}

/// Resolves a name that is not local into addresses, in order of preference.
pub type Resolver = Arc<dyn Fn(&str) -> Result<Vec<IpAddr>, LookupError> + Send + Sync>;

/// The system's resolver (getaddrinfo(3)).
pub(super) fn system_resolver() -> Resolver {
    Arc::new(getaddrinfo)
}

fn getaddrinfo(name: &str) -> Result<Vec<IpAddr>, LookupError> {
    let c_name = CString::new(name).map_err(|_| LookupError::NameUnresolvable)?;
    // SAFETY: an all-zero addrinfo is a valid "no hints" value; the fields set after it are plain
    // integers.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = libc::AF_UNSPEC;
    hints.ai_socktype = libc::SOCK_STREAM;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: a NUL-terminated name, no service, valid hints, and a place for the result list,
    // which is freed below.
    let rc = unsafe { libc::getaddrinfo(c_name.as_ptr(), std::ptr::null(), &hints, &mut list) };
    if rc != 0 {
        return Err(match rc {
            libc::EAI_AGAIN => LookupError::Temporary,
            libc::EAI_FAIL | libc::EAI_SYSTEM | libc::EAI_MEMORY => LookupError::Permanent,
            _ => LookupError::NameUnresolvable,
        });
    }
    let mut addrs = Vec::new();
    let mut next = list;
    while !next.is_null() {
        // SAFETY: `next` is a node of the list getaddrinfo returned, not yet freed; its address
        // is a sockaddr_in or sockaddr_in6 as its family says, read without assuming alignment.
        let ip = unsafe {
            let ai = &*next;
            next = ai.ai_next;
            match ai.ai_family {
                libc::AF_INET if !ai.ai_addr.is_null() => {
                    let sin = std::ptr::read_unaligned(ai.ai_addr.cast::<libc::sockaddr_in>());
                    Some(IpAddr::V4(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr))))
                }
                libc::AF_INET6 if !ai.ai_addr.is_null() => {
                    let sin6 = std::ptr::read_unaligned(ai.ai_addr.cast::<libc::sockaddr_in6>());
                    Some(IpAddr::V6(Ipv6Addr::from(sin6.sin6_addr.s6_addr)))
                }
                _ => None,
            }
        };
        // The WIT promises no IPv4-mapped addresses.
        if let Some(ip) = ip.map(addr::canonical)
            && !addrs.contains(&ip)
        {
            addrs.push(ip);
        }
    }
    // SAFETY: the list getaddrinfo returned, freed once.
    unsafe { libc::freeaddrinfo(list) };
    if addrs.is_empty() { Err(LookupError::NameUnresolvable) } else { Ok(addrs) }
}

/// What a name is, before anything is looked up.
#[derive(Debug, PartialEq, Eq)]
enum Name {
    Literal(IpAddr),
    Localhost,
    Other,
}

/// Reads `name` as the WIT asks: an IP address (IPv6 optionally in brackets), or a domain name;
/// anything else is `None` (`invalid-argument`). Names outside ASCII are left to the resolver.
fn classify(name: &str) -> Option<Name> {
    let bare = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    if let Some(inner) = bare {
        return inner.parse::<Ipv6Addr>().ok().map(|ip| Name::Literal(IpAddr::V6(ip)));
    }
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Some(Name::Literal(ip));
    }
    let host = name.strip_suffix('.').unwrap_or(name);
    let forbidden = |c: char| c.is_ascii_control() || " #%/:<>?@[\\]^|".contains(c);
    let label_ok = |l: &str| !l.is_empty() && l.len() <= 63 && !l.chars().any(forbidden);
    if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
        return None;
    }
    let lower = host.to_ascii_lowercase();
    Some(if lower == "localhost" || lower.ends_with(".localhost") { Name::Localhost } else { Name::Other })
}

fn lookup_error(e: LookupError) -> ErrorCode {
    match e {
        LookupError::NameUnresolvable => ErrorCode::NameUnresolvable,
        LookupError::Temporary => ErrorCode::TemporaryResolverFailure,
        LookupError::Permanent => ErrorCode::PermanentResolverFailure,
    }
}

/// The addresses for `name` under `policy`, or the error code.
fn resolve(lookup: NameLookup, resolver: &Resolver, name: &str) -> Result<Vec<IpAddr>, ErrorCode> {
    if lookup == NameLookup::Off {
        return Err(ErrorCode::AccessDenied);
    }
    match classify(name).ok_or(ErrorCode::InvalidArgument)? {
        Name::Literal(ip) => Ok(vec![addr::canonical(ip)]),
        // RFC 6761: localhost names are loopback, whatever a resolver would say.
        Name::Localhost => Ok(vec![IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)]),
        Name::Other if lookup == NameLookup::Any => resolver(name).map_err(lookup_error),
        Name::Other => Err(ErrorCode::AccessDenied),
    }
}

impl ip_name_lookup::Host for WasiCtx {
    /// The lookup runs here, to the end; the stream then hands out the addresses.
    fn resolve_addresses(
        &mut self,
        _network: Resource<Network>,
        name: String,
    ) -> SocketResult<Resource<ResolveAddressStream>> {
        let addrs = resolve(self.net.lookup, &self.net.resolver, &name)?;
        Ok(Resource::new_own(self.table.insert(Entry::ResolveStream(addrs.into_iter()))?))
    }
}

impl ip_name_lookup::HostResolveAddressStream for WasiCtx {
    fn resolve_next_address(&mut self, s: Resource<ResolveAddressStream>) -> SocketResult<Option<IpAddress>> {
        match self.table.get(s.rep()) {
            Some(Entry::ResolveStream(it)) => Ok(it.next().map(addr::ip_address)),
            _ => Err(not_live("resolve-address-stream", s.rep()).into()),
        }
    }

    fn subscribe(&mut self, s: Resource<ResolveAddressStream>) -> cm32_host::Result<Resource<poll::Pollable>> {
        match self.table.get(s.rep()) {
            Some(Entry::ResolveStream(_)) => subscribe(self, s.rep(), Pollable::Ready),
            _ => Err(not_live("resolve-address-stream", s.rep())),
        }
    }

    fn drop(&mut self, s: Resource<ResolveAddressStream>) -> cm32_host::Result<()> {
        self.table.remove(s.rep()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn names() {
        assert_eq!(classify("127.0.0.1"), Some(Name::Literal("127.0.0.1".parse().unwrap())));
        assert_eq!(classify("::1"), Some(Name::Literal("::1".parse().unwrap())));
        assert_eq!(classify("[::1]"), Some(Name::Literal("::1".parse().unwrap())));
        assert_eq!(classify("LocalHost."), Some(Name::Localhost));
        assert_eq!(classify("a.localhost"), Some(Name::Localhost));
        assert_eq!(classify("example.com"), Some(Name::Other));
        assert_eq!(classify("xn--bcher-kva.example"), Some(Name::Other));
        for bad in ["", ".", "a..b", "not a name", "a/b", "[::1", "[127.0.0.1]", "a:b", &"x".repeat(64)] {
            assert_eq!(classify(bad), None, "{bad:?}");
        }
    }

    /// A resolver that counts its calls, so that a test can see it was never asked.
    fn counting() -> (Resolver, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = calls.clone();
        let resolver: Resolver = Arc::new(move |_: &str| {
            seen.fetch_add(1, Ordering::SeqCst);
            Ok(vec![IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7))])
        });
        (resolver, calls)
    }

    #[test]
    fn policy_comes_before_the_resolver() {
        let (resolver, calls) = counting();
        assert_eq!(resolve(NameLookup::Local, &resolver, "example.com"), Err(ErrorCode::AccessDenied));
        assert_eq!(resolve(NameLookup::Off, &resolver, "localhost"), Err(ErrorCode::AccessDenied));
        assert_eq!(resolve(NameLookup::Off, &resolver, "127.0.0.1"), Err(ErrorCode::AccessDenied));
        assert_eq!(resolve(NameLookup::Any, &resolver, "not a name"), Err(ErrorCode::InvalidArgument));
        assert_eq!(
            resolve(NameLookup::Local, &resolver, "localhost"),
            Ok(vec!["127.0.0.1".parse().unwrap(), "::1".parse().unwrap()])
        );
        assert_eq!(resolve(NameLookup::Local, &resolver, "::ffff:10.0.0.1"), Ok(vec!["10.0.0.1".parse().unwrap()]));
        assert_eq!(calls.load(Ordering::SeqCst), 0, "no lookup reached the resolver");
        assert_eq!(resolve(NameLookup::Any, &resolver, "example.com"), Ok(vec!["192.0.2.7".parse().unwrap()]));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn resolver_errors() {
        let failing: Resolver = Arc::new(|_: &str| Err(LookupError::Temporary));
        assert_eq!(resolve(NameLookup::Any, &failing, "example.com"), Err(ErrorCode::TemporaryResolverFailure));
    }
}
