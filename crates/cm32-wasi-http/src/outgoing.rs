//! `wasi:http/outgoing-handler`: the guest's requests, sent by hyper's HTTP/1.1 client on the
//! host's runtime, over TLS (rustls) for `https`. Only loopback is reachable unless the embedder
//! allows outbound requests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};

use cm32_host::Resource;
use cm32_wasi::ext::Bell;
use http_body_util::BodyExt as _;
use hyper_util::rt::TokioIo;

use crate::WasiHttpCtx;
use crate::bindings::wasi::http::outgoing_handler;
use crate::bindings::wasi::http::types::{self, DnsErrorPayload, ErrorCode};
use crate::error::{client_error, connect_error, tls_error};
use crate::pipe::{Pipe, PipeBody, pump};
use crate::types::{
    FUTURE_INCOMING_RESPONSE, FutureIncomingResponse, IncomingResponse, OUTGOING_REQUEST, OutgoingRequest,
    REQUEST_OPTIONS, RequestOptions, empty_body,
};

/// Where a request goes, taken from what the guest set.
struct Destination {
    host: String,
    port: u16,
    authority: String,
    tls: bool,
}

fn destination(request: &OutgoingRequest) -> Result<Destination, ErrorCode> {
    let scheme = request.scheme.clone().unwrap_or(http::uri::Scheme::HTTP);
    let tls = if scheme == http::uri::Scheme::HTTPS {
        true
    } else if scheme == http::uri::Scheme::HTTP {
        false
    } else {
        return Err(ErrorCode::HttpProtocolError);
    };
    let Some(authority) = &request.authority else { return Err(ErrorCode::HttpRequestUriInvalid) };
    let parsed: http::uri::Authority = authority.parse().map_err(|_| ErrorCode::HttpRequestUriInvalid)?;
    let host = parsed.host().trim_start_matches('[').trim_end_matches(']').to_string();
    let port = parsed.port_u16().unwrap_or(if tls { 443 } else { 80 });
    Ok(Destination { host, port, authority: authority.clone(), tls })
}

/// The TLS client's settings, made once per process: the roots are the host's trusted
/// certificates, as `rustls-native-certs` finds them (`SSL_CERT_FILE` and `SSL_CERT_DIR`
/// first, then the system's store).
fn tls_config() -> Result<Arc<rustls::ClientConfig>, ErrorCode> {
    static CONFIG: OnceLock<Result<Arc<rustls::ClientConfig>, String>> = OnceLock::new();
    let made = CONFIG.get_or_init(|| {
        let mut roots = rustls::RootCertStore::empty();
        let found = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(found.certs);
        if roots.is_empty() {
            let why = found.errors.first().map(|e| format!(" ({e})")).unwrap_or_default();
            return Err(format!(
                "https: the host has no trusted root certificates{why}; install them (ca-certificates) \
                 or name a PEM file in SSL_CERT_FILE"
            ));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    });
    made.clone().map_err(|why| ErrorCode::InternalError(Some(why)))
}

impl outgoing_handler::Host for WasiHttpCtx {
    fn handle(
        &mut self,
        request: Resource<types::OutgoingRequest>,
        options: Option<Resource<types::RequestOptions>>,
    ) -> cm32_host::Result<Result<Resource<types::FutureIncomingResponse>, ErrorCode>> {
        let options = match options {
            Some(o) => self.wasi.remove_resource::<RequestOptions>(REQUEST_OPTIONS, o.rep())?,
            None => RequestOptions::default(),
        };
        let request = self.wasi.remove_resource::<OutgoingRequest>(OUTGOING_REQUEST, request.rep())?;
        let destination = match destination(&request) {
            Ok(destination) => destination,
            Err(code) => return Ok(Err(code)),
        };
        let path = request.path_with_query.clone().unwrap_or_else(|| "/".to_string());
        let mut outgoing = http::Request::new(match request.body.clone() {
            Some(pipe) => PipeBody { pipe, done: false }.boxed(),
            None => empty_body(),
        });
        *outgoing.method_mut() = request.method.clone();
        *outgoing.uri_mut() = match path.parse() {
            Ok(uri) => uri,
            Err(_) => return Ok(Err(ErrorCode::HttpRequestUriInvalid)),
        };
        *outgoing.headers_mut() = request.headers.clone();
        match http::HeaderValue::from_str(&destination.authority) {
            Ok(host) => outgoing.headers_mut().insert(http::header::HOST, host),
            Err(_) => return Ok(Err(ErrorCode::HttpRequestUriInvalid)),
        };
        let slot: Arc<Mutex<Option<Result<IncomingResponse, ErrorCode>>>> = Arc::default();
        let bell = self.wasi.bell();
        let allow_outbound = self.allow_outbound;
        let filled = slot.clone();
        let task = self.runtime.spawn(async move {
            let result = send(destination, outgoing, options, allow_outbound, bell.clone()).await;
            if let Ok(mut slot) = filled.lock() {
                *slot = Some(result);
            }
            bell.ring();
        });
        let future = FutureIncomingResponse { slot, taken: false, task: task.abort_handle() };
        Ok(Ok(Resource::new_own(self.wasi.push_resource(FUTURE_INCOMING_RESPONSE, future, None)?)))
    }
}

/// Sends a request and waits for the head of its response; the body follows in a pipe.
async fn send(
    destination: Destination,
    request: http::Request<crate::types::HyperBody>,
    options: RequestOptions,
    allow_outbound: bool,
    bell: Bell,
) -> Result<IncomingResponse, ErrorCode> {
    // Without outbound access, only loopback is reachable: a name other than `localhost` is
    // refused before it is looked up, as a literal address that is not loopback.
    if !allow_outbound {
        let loopback = match destination.host.parse::<std::net::IpAddr>() {
            Ok(ip) => ip.is_loopback(),
            Err(_) => destination.host.eq_ignore_ascii_case("localhost"),
        };
        if !loopback {
            return Err(ErrorCode::HttpRequestDenied);
        }
    }
    let found: Vec<SocketAddr> = tokio::net::lookup_host((destination.host.as_str(), destination.port))
        .await
        .map_err(|e| ErrorCode::DnsError(DnsErrorPayload { rcode: Some(e.to_string()), info_code: None }))?
        .collect();
    if found.is_empty() {
        return Err(ErrorCode::DestinationNotFound);
    }
    // Loopback is always allowed, as for sockets; anything else only if the embedder said so.
    let allowed: Vec<SocketAddr> = found.into_iter().filter(|a| allow_outbound || a.ip().is_loopback()).collect();
    if allowed.is_empty() {
        return Err(ErrorCode::HttpRequestDenied);
    }
    let connection = connect(&destination, &allowed);
    let connection = match options.connect_timeout {
        Some(limit) => tokio::time::timeout(limit, connection).await.map_err(|_| ErrorCode::ConnectionTimeout)?,
        None => connection.await,
    }?;
    let response = match connection {
        Connection::Plain(stream) => exchange(stream, request, &options).await?,
        Connection::Tls(stream) => exchange(*stream, request, &options).await?,
    };
    let (parts, body) = response.into_parts();
    let pipe = Pipe::new(bell);
    tokio::spawn(pump(body, pipe.clone(), options.between_bytes_timeout));
    Ok(IncomingResponse {
        status: parts.status.as_u16(),
        headers: crate::fields::without_forbidden(parts.headers),
        body: Some(pipe),
    })
}

enum Connection {
    Plain(tokio::net::TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<tokio::net::TcpStream>>),
}

/// A TCP connection to the first of `addresses` that answers, with TLS on it for `https`.
async fn connect(destination: &Destination, addresses: &[SocketAddr]) -> Result<Connection, ErrorCode> {
    let stream = tokio::net::TcpStream::connect(addresses).await.map_err(|e| connect_error(&e))?;
    // The request's head and body go out in separate writes; Nagle would hold them back.
    let _ = stream.set_nodelay(true);
    if !destination.tls {
        return Ok(Connection::Plain(stream));
    }
    let name = rustls::pki_types::ServerName::try_from(destination.host.clone())
        .map_err(|_| ErrorCode::HttpRequestUriInvalid)?;
    let tls = tokio_rustls::TlsConnector::from(tls_config()?).connect(name, stream).await.map_err(|e| tls_error(&e))?;
    Ok(Connection::Tls(Box::new(tls)))
}

/// Sends `request` on a fresh HTTP/1.1 connection over `io` and waits for the head of its
/// response.
async fn exchange<IO>(
    io: IO,
    request: http::Request<crate::types::HyperBody>,
    options: &RequestOptions,
) -> Result<http::Response<hyper::body::Incoming>, ErrorCode>
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Send + Unpin + 'static,
{
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(io)).await.map_err(|e| client_error(&e))?;
    // The connection runs until the response's body is read (or dropped).
    tokio::spawn(connection);
    let sent = sender.send_request(request);
    match options.first_byte_timeout {
        Some(limit) => tokio::time::timeout(limit, sent).await.map_err(|_| ErrorCode::ConnectionReadTimeout)?,
        None => sent.await,
    }
    .map_err(|e| client_error(&e))
}
