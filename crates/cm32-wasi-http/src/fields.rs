//! `fields` (headers and trailers): a header map that is mutable or not, and that refuses the
//! names and values HTTP does not allow, and the hop-by-hop headers a guest may not set.

use cm32_host::Resource;
use cm32_wasi::WasiCtx;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::WasiHttpCtx;
use crate::bindings::wasi::http::types::{self, HeaderError};

/// Headers that belong to one connection, not to the message (RFC 9110, 7.6.1), or that the
/// host sets itself: a guest that sets them gets `forbidden`.
const FORBIDDEN: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "transfer-encoding",
    "upgrade",
    "host",
    "http2-settings",
];

pub(crate) const KIND: &str = "fields";

/// A `fields` resource.
pub(crate) struct Fields {
    pub(crate) map: HeaderMap,
    pub(crate) mutable: bool,
}

pub(crate) fn is_forbidden(name: &HeaderName) -> bool {
    FORBIDDEN.contains(&name.as_str())
}

/// Headers that came in over a connection, without those that belonged to the connection (the
/// guest could not have set them either).
pub(crate) fn without_forbidden(map: HeaderMap) -> HeaderMap {
    // Copied rather than removed from, which would reorder what remains.
    let mut kept = HeaderMap::with_capacity(map.len());
    for (name, value) in &map {
        if !is_forbidden(name) {
            kept.append(name.clone(), value.clone());
        }
    }
    kept
}

/// A name the guest gave, checked.
fn name(name: &str) -> Result<HeaderName, HeaderError> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| HeaderError::InvalidSyntax)?;
    if is_forbidden(&name) {
        return Err(HeaderError::Forbidden);
    }
    Ok(name)
}

fn value(value: &[u8]) -> Result<HeaderValue, HeaderError> {
    HeaderValue::from_bytes(value).map_err(|_| HeaderError::InvalidSyntax)
}

/// A new `fields` resource holding `map`, made from `parent` if any (headers a request or
/// response hands out are its children, and immutable).
pub(crate) fn push(
    wasi: &mut WasiCtx,
    map: HeaderMap,
    mutable: bool,
    parent: Option<u32>,
) -> cm32_host::Result<Resource<types::Fields>> {
    Ok(Resource::new_own(wasi.push_resource(KIND, Fields { map, mutable }, parent)?))
}

/// Takes the map out of a `fields` resource the guest gives away (to a request or response).
pub(crate) fn take(wasi: &mut WasiCtx, fields: Resource<types::Fields>) -> cm32_host::Result<HeaderMap> {
    Ok(wasi.remove_resource::<Fields>(KIND, fields.rep())?.map)
}

fn get<'a>(wasi: &'a mut WasiCtx, fields: &Resource<types::Fields>) -> cm32_host::Result<&'a mut Fields> {
    wasi.resource::<Fields>(KIND, fields.rep())
}

/// The fields to change: `immutable` if they may not be changed.
fn mutable<'a>(
    wasi: &'a mut WasiCtx,
    fields: &Resource<types::Fields>,
) -> cm32_host::Result<Result<&'a mut HeaderMap, HeaderError>> {
    let fields = get(wasi, fields)?;
    Ok(if fields.mutable { Ok(&mut fields.map) } else { Err(HeaderError::Immutable) })
}

impl types::HostFields for WasiHttpCtx {
    fn new(&mut self) -> cm32_host::Result<Resource<types::Fields>> {
        push(&mut self.wasi, HeaderMap::new(), true, None)
    }

    fn from_list(
        &mut self,
        entries: Vec<(String, Vec<u8>)>,
    ) -> cm32_host::Result<Result<Resource<types::Fields>, HeaderError>> {
        let mut map = HeaderMap::new();
        for (n, v) in &entries {
            match (name(n), value(v)) {
                (Ok(n), Ok(v)) => {
                    map.append(n, v);
                }
                (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
            }
        }
        push(&mut self.wasi, map, true, None).map(Ok)
    }

    fn get(&mut self, fields: Resource<types::Fields>, name: String) -> cm32_host::Result<Vec<Vec<u8>>> {
        let map = &get(&mut self.wasi, &fields)?.map;
        Ok(match HeaderName::from_bytes(name.as_bytes()) {
            Ok(name) => map.get_all(name).iter().map(|v| v.as_bytes().to_vec()).collect(),
            Err(_) => Vec::new(),
        })
    }

    fn has(&mut self, fields: Resource<types::Fields>, name: String) -> cm32_host::Result<bool> {
        let map = &get(&mut self.wasi, &fields)?.map;
        Ok(HeaderName::from_bytes(name.as_bytes()).is_ok_and(|name| map.contains_key(name)))
    }

    fn set(
        &mut self,
        fields: Resource<types::Fields>,
        name: String,
        values: Vec<Vec<u8>>,
    ) -> cm32_host::Result<Result<(), HeaderError>> {
        let checked =
            self::name(&name).and_then(|n| Ok((n, values.iter().map(|v| value(v)).collect::<Result<Vec<_>, _>>()?)));
        let map = match mutable(&mut self.wasi, &fields)? {
            Ok(map) => map,
            Err(e) => return Ok(Err(e)),
        };
        let (name, values) = match checked {
            Ok(checked) => checked,
            Err(e) => return Ok(Err(e)),
        };
        map.remove(&name);
        for v in values {
            map.append(name.clone(), v);
        }
        Ok(Ok(()))
    }

    fn delete(&mut self, fields: Resource<types::Fields>, name: String) -> cm32_host::Result<Result<(), HeaderError>> {
        let checked = self::name(&name);
        let map = match mutable(&mut self.wasi, &fields)? {
            Ok(map) => map,
            Err(e) => return Ok(Err(e)),
        };
        Ok(checked.map(|name| {
            map.remove(name);
        }))
    }

    fn append(
        &mut self,
        fields: Resource<types::Fields>,
        name: String,
        value: Vec<u8>,
    ) -> cm32_host::Result<Result<(), HeaderError>> {
        let checked = self::name(&name).and_then(|n| Ok((n, self::value(&value)?)));
        let map = match mutable(&mut self.wasi, &fields)? {
            Ok(map) => map,
            Err(e) => return Ok(Err(e)),
        };
        Ok(checked.map(|(name, value)| {
            map.append(name, value);
        }))
    }

    fn entries(&mut self, fields: Resource<types::Fields>) -> cm32_host::Result<Vec<(String, Vec<u8>)>> {
        let map = &get(&mut self.wasi, &fields)?.map;
        Ok(map.iter().map(|(n, v)| (n.as_str().to_string(), v.as_bytes().to_vec())).collect())
    }

    fn clone(&mut self, fields: Resource<types::Fields>) -> cm32_host::Result<Resource<types::Fields>> {
        let map = get(&mut self.wasi, &fields)?.map.clone();
        push(&mut self.wasi, map, true, None)
    }

    fn drop(&mut self, fields: Resource<types::Fields>) -> cm32_host::Result<()> {
        self.wasi.remove_resource::<Fields>(KIND, fields.rep()).map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::wasi::http::types::HostFields as _;

    fn ctx() -> (tokio::runtime::Runtime, WasiHttpCtx) {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let ctx = WasiHttpCtx::new(cm32_wasi::WasiCtxBuilder::default().build(), runtime.handle().clone());
        (runtime, ctx)
    }

    fn list(entries: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
        entries.iter().map(|(n, v)| (n.to_string(), v.to_vec())).collect()
    }

    #[test]
    fn names_and_values_are_checked() {
        let (_runtime, mut ctx) = ctx();
        type Case<'a> = (&'a [(&'a str, &'a [u8])], Option<HeaderError>);
        let cases: [Case; 6] = [
            (&[("x-ok", b"fine"), ("X-Ok", b"again")], None),
            (&[("bad name", b"v")], Some(HeaderError::InvalidSyntax)),
            (&[("x-ok", b"line\nbreak")], Some(HeaderError::InvalidSyntax)),
            (&[("", b"v")], Some(HeaderError::InvalidSyntax)),
            (&[("Connection", b"close")], Some(HeaderError::Forbidden)),
            (&[("x-ok", b"v"), ("transfer-encoding", b"chunked")], Some(HeaderError::Forbidden)),
        ];
        for (entries, expected) in cases {
            let made = ctx.from_list(list(entries)).unwrap();
            assert_eq!(made.as_ref().err().cloned(), expected, "{entries:?}");
            if let Ok(fields) = made {
                // Names are case-insensitive and come back lower-case, in order, with repeats.
                let got = ctx.entries(Resource::new_borrow(fields.rep())).unwrap();
                assert_eq!(got, list(&[("x-ok", b"fine"), ("x-ok", b"again")]));
                assert_eq!(
                    ctx.get(Resource::new_borrow(fields.rep()), "X-OK".into()).unwrap(),
                    [b"fine".to_vec(), b"again".to_vec()]
                );
                assert!(ctx.has(Resource::new_borrow(fields.rep()), "x-ok".into()).unwrap());
                assert!(!ctx.has(Resource::new_borrow(fields.rep()), "bad name".into()).unwrap());
                assert_eq!(
                    ctx.get(Resource::new_borrow(fields.rep()), "bad name".into()).unwrap(),
                    Vec::<Vec<u8>>::new()
                );
            }
        }
    }

    #[test]
    fn set_append_and_delete_change_mutable_fields_only() {
        let (_runtime, mut ctx) = ctx();
        let fields = ctx.new().unwrap();
        let f = || Resource::<types::Fields>::new_borrow(fields.rep());
        assert_eq!(ctx.append(f(), "a".into(), b"1".to_vec()).unwrap(), Ok(()));
        assert_eq!(ctx.append(f(), "b".into(), b"2".to_vec()).unwrap(), Ok(()));
        assert_eq!(ctx.set(f(), "a".into(), vec![b"3".to_vec(), b"4".to_vec()]).unwrap(), Ok(()));
        assert_eq!(ctx.set(f(), "a".into(), vec![b"bad\r".to_vec()]).unwrap(), Err(HeaderError::InvalidSyntax));
        assert_eq!(ctx.set(f(), "host".into(), vec![b"x".to_vec()]).unwrap(), Err(HeaderError::Forbidden));
        assert_eq!(ctx.delete(f(), "b".into()).unwrap(), Ok(()));
        assert_eq!(ctx.entries(f()).unwrap(), list(&[("a", b"3"), ("a", b"4")]));

        // A copy is mutable; headers a message hands out are not.
        let copy = ctx.clone(f()).unwrap();
        assert_eq!(ctx.append(Resource::new_borrow(copy.rep()), "c".into(), b"5".to_vec()).unwrap(), Ok(()));
        assert_eq!(ctx.entries(f()).unwrap().len(), 2, "the original is unchanged");
        let frozen = push(&mut ctx.wasi, HeaderMap::new(), false, None).unwrap();
        let frozen = || Resource::<types::Fields>::new_borrow(frozen.rep());
        assert_eq!(ctx.append(frozen(), "a".into(), b"1".to_vec()).unwrap(), Err(HeaderError::Immutable));
        assert_eq!(ctx.set(frozen(), "a".into(), vec![]).unwrap(), Err(HeaderError::Immutable));
        assert_eq!(ctx.delete(frozen(), "a".into()).unwrap(), Err(HeaderError::Immutable));
        // Immutability is checked first, as for a name that would be refused anyway.
        assert_eq!(ctx.delete(frozen(), "bad name".into()).unwrap(), Err(HeaderError::Immutable));

        ctx.drop(fields).unwrap();
        let gone = ctx.entries(Resource::new_borrow(1)).unwrap_err();
        assert_eq!(gone.message(), "rep 1 is not a live fields");
    }
}
