//! `cm32 serve` on loopback, on both engines, with a client that speaks HTTP/1.1 over a plain
//! socket (so that tests can also send what no well-behaved client would). The guests are
//! `guests/http-hello.wasm` and `guests/http-probe.wasm` (built from `guests/http-*/src`).
//! Exact statuses, headers, bodies and trailers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

const ENGINES: [&str; 2] = ["wasmi", "wasmtime"];

/// A running `cm32 serve`, stopped (SIGKILL) when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
    /// What the server wrote to stderr after its first line, read when it has stopped.
    stderr: BufReader<std::process::ChildStderr>,
}

impl Serve {
    fn start(engine: &str, guest: &str, extra: &[&str]) -> Serve {
        Serve::start_with(engine, guest, extra, |_| {})
    }

    /// `start`, with `setup` changing the server's command (its environment, say) first.
    fn start_with(engine: &str, guest: &str, extra: &[&str], setup: impl FnOnce(&mut Command)) -> Serve {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cm32"));
        setup(&mut command);
        let mut child = command
            .args(["serve", "--addr", "127.0.0.1:0", "--engine", engine])
            .args(extra)
            .arg(guest)
            .current_dir(root())
            .env("CM32_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-code-cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cm32 serve starts");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let addr = line
            .strip_prefix("Serving HTTP on http://")
            .and_then(|rest| rest.trim_end().strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .parse()
            .unwrap();
        Serve { child, addr, stderr }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream
    }

    /// Sends `request` (raw bytes) on a new connection and reads the response to the end.
    fn raw(&self, request: &[u8]) -> Response {
        let mut stream = self.connect();
        stream.write_all(request).unwrap();
        Response::read(&mut BufReader::new(stream))
    }

    fn get(&self, path: &str) -> Response {
        self.raw(format!("GET {path} HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n").as_bytes())
    }

    /// Stops the server with SIGTERM; its exit status and the rest of its stderr.
    fn terminate(mut self) -> (Option<i32>, String) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        let mut rest = String::new();
        self.stderr.read_to_string(&mut rest).unwrap();
        (exit.code(), rest)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    trailers: Vec<(String, String)>,
}

fn header_lines(reader: &mut impl BufRead) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            return headers;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
}

impl Response {
    /// Reads one response: a content-length body, a chunked one (with trailers), or one that
    /// runs to the end of the connection.
    fn read(reader: &mut impl BufRead) -> Response {
        let mut status_line = String::new();
        reader.read_line(&mut status_line).unwrap();
        let status = status_line.split(' ').nth(1).unwrap_or_else(|| panic!("status line {status_line:?}"));
        let status = status.parse().unwrap();
        let headers = header_lines(reader);
        let get = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        let mut trailers = Vec::new();
        if let Some(length) = get("content-length") {
            body.resize(length.parse().unwrap(), 0);
            reader.read_exact(&mut body).unwrap();
        } else if get("transfer-encoding").as_deref() == Some("chunked") {
            loop {
                let mut size = String::new();
                reader.read_line(&mut size).unwrap();
                let size = usize::from_str_radix(size.trim_end(), 16).unwrap();
                if size == 0 {
                    trailers = header_lines(reader);
                    break;
                }
                let start = body.len();
                body.resize(start + size, 0);
                reader.read_exact(&mut body[start..]).unwrap();
                let mut crlf = [0u8; 2];
                reader.read_exact(&mut crlf).unwrap();
            }
        } else {
            reader.read_to_end(&mut body).unwrap();
        }
        Response { status, headers, body, trailers }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Headers as the guest echoes them back, those named `x-echo-*`.
fn echoed(response: &Response) -> Vec<(String, String)> {
    response.headers.iter().filter(|(n, _)| n.starts_with("x-echo-")).cloned().collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

#[test]
fn hello_answers_on_both_engines() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-hello.wasm", &[]);
        for _ in 0..3 {
            let response = serve.get("/");
            assert_eq!(response.status, 200, "{engine}");
            assert_eq!(response.header("content-type"), Some("text/plain"), "{engine}");
            assert_eq!(response.text(), "Hello, world!\n", "{engine}");
        }
        let (code, rest) = serve.terminate();
        assert_eq!(code, Some(0), "{engine}: {rest}");
        assert_eq!(rest, "Stopped serving.\n", "{engine}");
    }
}

#[test]
fn echo_gives_back_method_path_headers_and_body() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &[]);
        let body: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect();
        let mut request = format!(
            "PUT /echo?a=1&b=two HTTP/1.1\r\nhost: test\r\nx-one: 1\r\nx-Two: zwei\r\nx-one: again\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend(&body);
        let response = serve.raw(&request);
        assert_eq!(response.status, 200, "{engine}");
        assert_eq!(
            echoed(&response),
            // Without `host` and `connection`, which belong to the connection.
            pairs(&[
                ("x-echo-x-one", "1"),
                ("x-echo-x-one", "again"),
                ("x-echo-x-two", "zwei"),
                ("x-echo-content-length", "300000"),
                ("x-echo-method", "PUT"),
                ("x-echo-path", "/echo?a=1&b=two"),
            ]),
            "{engine}"
        );
        assert!(response.body == body, "{engine}: the body came back changed ({} bytes)", response.body.len());
    }
}

#[test]
fn a_64_mib_body_streams() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &[]);
        let response = serve.get("/stream");
        assert_eq!(response.status, 200, "{engine}");
        assert_eq!(response.body.len(), 64 << 20, "{engine}");
        let wrong = response.body.iter().enumerate().position(|(i, b)| *b != (i % 251) as u8);
        assert_eq!(wrong, None, "{engine}: the first wrong byte");
    }
}

#[test]
fn trailers_go_both_ways() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &[]);
        let request = b"POST /trailers HTTP/1.1\r\nhost: test\r\nte: trailers\r\ntransfer-encoding: chunked\r\n\
                        connection: close\r\n\r\n3\r\nabc\r\n0\r\nx-a: 1\r\nx-b: 2\r\n\r\n";
        let response = serve.raw(request);
        assert_eq!(response.status, 200, "{engine}");
        assert_eq!(response.text(), "with trailers\n", "{engine}");
        assert_eq!(
            response.trailers,
            pairs(&[("x-trailer-one", "1"), ("x-trailer-two", "2"), ("x-request-trailers", "2")]),
            "{engine}"
        );
    }
}

/// An upstream on loopback that answers every request with `body`, and counts them.
/// An HTTP/1.1 upstream on loopback that answers every request with 201 and `body`, and says
/// in `x-upstream-saw` what path and host it was asked for; over TLS if `tls` is given.
fn upstream(body: &'static str, tls: Option<Arc<rustls::ServerConfig>>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match &tls {
                None => answer(stream, body),
                Some(config) => {
                    let mut tls =
                        rustls::StreamOwned::new(rustls::ServerConnection::new(config.clone()).unwrap(), stream);
                    // A client that does not trust the certificate ends the handshake.
                    while tls.conn.is_handshaking() {
                        if tls.conn.complete_io(&mut tls.sock).is_err() {
                            break;
                        }
                    }
                    if !tls.conn.is_handshaking() {
                        answer(tls, body);
                    }
                }
            }
        }
    });
    addr
}

fn answer(mut stream: impl Read + Write, body: &str) {
    let (first, headers) = {
        let mut reader = BufReader::new(&mut stream);
        let mut first = String::new();
        let _ = reader.read_line(&mut first);
        (first, header_lines(&mut reader))
    };
    let host = headers.iter().find(|(n, _)| n == "host").map(|(_, v)| v.clone()).unwrap_or_default();
    let _ = write!(
        stream,
        "HTTP/1.1 201 Created\r\nx-upstream-saw: {} {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        first.split(' ').nth(1).unwrap_or(""),
        host,
        body.len()
    );
    let _ = stream.flush();
}

/// A certificate authority made for the test, in a PEM file, and a server's settings with a
/// certificate for `localhost` that it signed.
fn test_authority() -> (tempfile::TempDir, PathBuf, Arc<rustls::ServerConfig>) {
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "cm32 test authority");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().unwrap()).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap().signed_by(&leaf_key, &ca).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .unwrap();
    (dir, ca_file, Arc::new(config))
}

#[test]
fn an_outgoing_request_reaches_a_loopback_upstream() {
    let upstream = upstream("from upstream\n", None);
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &[]);
        let url = format!("http%3A%2F%2F{upstream}%2Fsome%2Fpath%3Fq%3D1").replace(':', "%3A");
        let response = serve.get(&format!("/outgoing?url={url}"));
        assert_eq!(response.status, 200, "{engine}: {}", response.text());
        assert_eq!(response.header("x-upstream-status"), Some("201"), "{engine}");
        assert_eq!(response.text(), "from upstream\n", "{engine}");

        // Nothing listens on a port just freed.
        let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let response = serve.get(&format!("/outgoing?url=http%3A%2F%2F{}%2F", closed.to_string().replace(':', "%3A")));
        assert_eq!(response.status, 502, "{engine}");
        assert_eq!(response.text(), "upstream error: ErrorCode::ConnectionRefused\n", "{engine}");

        // Beyond loopback without --allow-outbound: refused before any lookup.
        let response = serve.get("/outgoing?url=http%3A%2F%2Fexample.com%2F");
        assert_eq!(response.status, 502, "{engine}");
        assert_eq!(response.text(), "upstream error: ErrorCode::HttpRequestDenied\n", "{engine}");
    }
}

#[test]
fn an_outgoing_https_request_checks_the_upstreams_certificate() {
    let (_dir, ca_file, config) = test_authority();
    let upstream = upstream("over tls\n", Some(config));
    let url = format!("/outgoing?url=https%3A%2F%2Flocalhost%3A{}%2Fsecret", upstream.port());
    for engine in ENGINES {
        // The test's authority is trusted through SSL_CERT_FILE, as for curl.
        let serve = Serve::start_with(engine, "guests/http-probe.wasm", &[], |command| {
            command.env("SSL_CERT_FILE", &ca_file).env_remove("SSL_CERT_DIR");
        });
        let response = serve.get(&url);
        assert_eq!((response.status, response.text()), (200, "over tls\n".into()), "{engine}");
        assert_eq!(response.header("x-upstream-status"), Some("201"), "{engine}");
        drop(serve);

        // With only the system's roots, the same upstream is not to be trusted.
        let serve = Serve::start_with(engine, "guests/http-probe.wasm", &[], |command| {
            command.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
        });
        let response = serve.get(&url);
        assert_eq!(
            (response.status, response.text()),
            (502, "upstream error: ErrorCode::TlsCertificateError\n".into()),
            "{engine}"
        );
    }
}

#[test]
fn failing_guests_get_errors_and_the_server_goes_on() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &["-W", "timeout=1s"]);
        let response = serve.get("/trap");
        assert_eq!((response.status, response.text()), (500, "the guest trapped (guest)\n".into()), "{engine}");
        let response = serve.get("/no-response");
        assert_eq!(response.status, 500, "{engine}");
        assert_eq!(response.text(), "the guest returned without setting a response\n", "{engine}");
        let response = serve.get("/loop");
        assert_eq!((response.status, response.text()), (504, "the guest ran past its deadline\n".into()), "{engine}");
        // The guest's own errors: a header name HTTP does not allow.
        let response = serve.get("/bad-header");
        assert_eq!((response.status, response.text()), (200, "from-list: HeaderError::InvalidSyntax\n".into()));
        let response = serve.get("/nope?x=1");
        assert_eq!((response.status, response.text()), (404, "not found: /nope\n".into()), "{engine}");
        let (code, rest) = serve.terminate();
        assert_eq!(code, Some(0), "{engine}");
        // The log has the whole story (wasmtime adds a backtrace to a trap).
        let errors: Vec<&str> = rest.lines().filter(|l| l.starts_with("error: ")).collect();
        assert_eq!(errors.len(), 3, "{engine}: {rest}");
        assert!(errors[0].starts_with("error: trap[guest]: wasm "), "{engine}: {rest}");
        assert!(errors[0].contains("`unreachable` instruction executed"), "{engine}: {rest}");
        assert_eq!(errors[1], "error: the guest returned without setting a response", "{engine}");
        assert_eq!(
            errors[2],
            "error: trap[deadline]: the guest ran past its deadline (timeout=1s) (in \
             wasi:http/incoming-handler@0.2.12#handle)",
            "{engine}"
        );
        assert!(rest.ends_with("Stopped serving.\n"), "{engine}: {rest}");
    }
}

#[test]
fn concurrent_requests_each_get_their_own_answer() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &["--max-concurrent", "8"]);
        std::thread::scope(|scope| {
            let serve = &serve;
            let handles: Vec<_> = (0..32)
                .map(|i| {
                    scope.spawn(move || {
                        let body = format!("request number {i}\n").repeat(1000);
                        let request = format!(
                            "POST /echo HTTP/1.1\r\nhost: test\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                            body.len()
                        );
                        let response = serve.raw(request.as_bytes());
                        (response.status, response.text() == body)
                    })
                })
                .collect();
            for (i, handle) in handles.into_iter().enumerate() {
                assert_eq!(handle.join().unwrap(), (200, true), "{engine}: request {i}");
            }
        });
    }
}

#[test]
fn bad_requests_get_errors_and_the_server_stays_up() {
    for engine in ENGINES {
        let serve = Serve::start(engine, "guests/http-probe.wasm", &["--header-timeout", "1s"]);
        // Not HTTP at all.
        let response = serve.raw(b"this is not http\r\n\r\n");
        assert_eq!(response.status, 400, "{engine}");
        // A header section beyond what the server reads.
        let big = format!("GET / HTTP/1.1\r\nhost: test\r\nx-big: {}\r\n\r\n", "a".repeat(1 << 20));
        let response = serve.raw(big.as_bytes());
        assert_eq!(response.status, 431, "{engine}");
        // A client that goes away in the middle of a body it announced.
        let mut stream = serve.connect();
        stream.write_all(b"POST /echo HTTP/1.1\r\nhost: test\r\ncontent-length: 100000\r\n\r\nonly a little").unwrap();
        drop(stream);
        // A slow client: the head in pieces.
        let mut stream = serve.connect();
        for piece in ["GET /nope HTTP/1.1\r\n", "host: test\r\n", "connection: close\r\n", "\r\n"] {
            stream.write_all(piece.as_bytes()).unwrap();
            std::thread::sleep(Duration::from_millis(50));
        }
        let response = Response::read(&mut BufReader::new(stream));
        assert_eq!((response.status, response.text()), (404, "not found: /nope\n".into()), "{engine}");
        // A client that starts a head and never ends it is cut off after --header-timeout.
        let mut stream = serve.connect();
        stream.write_all(b"GET /nope HTTP/1.1\r\nhost: test\r\n").unwrap();
        let started = std::time::Instant::now();
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).unwrap();
        assert_eq!((rest, started.elapsed() < Duration::from_secs(30)), (Vec::new(), true), "{engine}");
        // And the server still answers.
        assert_eq!(serve.get("/nope").status, 404, "{engine}");
    }
}
