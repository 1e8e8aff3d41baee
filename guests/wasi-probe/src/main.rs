//! Probes a WASI host's conformance to the WASI 0.2 WIT, one command per run. Each check calls the
//! raw `wasip2` binding of the function under test (std would add its own handling in between) and
//! prints one line `<label>: <outcome>`, deterministically, so that tests can compare stdout.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use wasip2::cli::{environment, stdin, stdout};
use wasip2::clocks::monotonic_clock;
use wasip2::clocks::wall_clock::Datetime;
use wasip2::filesystem::preopens;
use wasip2::filesystem::types::{self as fs, Descriptor, DescriptorFlags, NewTimestamp, OpenFlags, PathFlags};
use wasip2::io::poll::{self, Pollable};
use wasip2::io::streams::{InputStream, OutputStream, StreamError};
use wasip2::sockets::instance_network::instance_network;
use wasip2::sockets::ip_name_lookup::{self, ResolveAddressStream};
use wasip2::sockets::network::{
    ErrorCode, IpAddress, IpAddressFamily, IpSocketAddress, Ipv4SocketAddress, Ipv6SocketAddress, Network,
};
use wasip2::sockets::tcp::{ShutdownType, TcpSocket};
use wasip2::sockets::tcp_create_socket::create_tcp_socket;
use wasip2::sockets::udp::{IncomingDatagramStream, OutgoingDatagram, OutgoingDatagramStream, UdpSocket};
use wasip2::sockets::udp_create_socket::create_udp_socket;

/// Every wait on the host is bounded by this, so a host that never answers cannot hang a test.
const TIMEOUT_NS: u64 = 5_000_000_000;

const USAGE: &str = "usage: wasi-probe COMMAND [ARGS]
commands: udp-disconnect, udp-filter, tcp-shutdown-receive, tcp-shutdown-send, tcp-peer-gone,
  tcp-read-zero-after-eof, remote-address, keepalive, addresses, stdin-error,
  readonly-streams DIR NAME, drop-parent KIND, buffer-sizes, readonly RO RW, initial-cwd,
  net-allowed, lookup NAME, resources N
drop-parent kinds: stdin, stdout, tcp-socket, udp-socket, incoming-datagram-stream,
  outgoing-datagram-stream, resolve-address-stream, tcp-streams, udp-stream-again, in-order";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match (arg(1), arg(2), arg(3)) {
        (Some("udp-disconnect"), ..) => udp_disconnect(),
        (Some("udp-filter"), ..) => udp_filter(),
        (Some("tcp-shutdown-receive"), ..) => tcp_shutdown_receive(),
        (Some("tcp-shutdown-send"), ..) => tcp_shutdown_send(),
        (Some("tcp-peer-gone"), ..) => tcp_peer_gone(),
        (Some("tcp-read-zero-after-eof"), ..) => tcp_read_zero_after_eof(),
        (Some("remote-address"), ..) => remote_address(),
        (Some("keepalive"), ..) => keepalive(),
        (Some("addresses"), ..) => addresses(),
        (Some("stdin-error"), ..) => stdin_error(),
        (Some("readonly-streams"), Some(dir), Some(name)) => readonly_streams(dir, name),
        (Some("drop-parent"), Some(kind), _) => drop_parent(kind),
        (Some("buffer-sizes"), ..) => buffer_sizes(),
        (Some("readonly"), Some(ro), Some(rw)) => readonly(ro, rw),
        (Some("initial-cwd"), ..) => initial_cwd(),
        (Some("net-allowed"), ..) => net_allowed(),
        (Some("lookup"), Some(name), _) => lookup(name),
        (Some("resources"), Some(n), _) => match n.parse() {
            Ok(n) => resources(n),
            Err(_) => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("{USAGE}");
    // std's exit maps every failure to 1; exit-with-code (WASI 0.2.12) carries the 2.
    wasip2::cli::exit::exit_with_code(2);
    unreachable!("exit-with-code returned")
}

// ---- Printing ----

/// Writes one line to stdout through a fresh stream and flushes it, so that the line is out even
/// if the host traps on the very next call.
fn line(text: &str) {
    let out = stdout::get_stdout();
    let text = format!("{text}\n");
    // blocking-write-and-flush takes at most 4096 bytes per call.
    for chunk in text.as_bytes().chunks(4096) {
        out.blocking_write_and_flush(chunk).expect("write to stdout");
    }
}

fn report(label: &str, outcome: impl AsRef<str>) {
    line(&format!("{label}: {}", outcome.as_ref()));
}

/// Prints the outcome only when it is not plain `ok`: for steps that are not checks themselves
/// but whose failure explains what follows.
fn report_failure(label: &str, outcome: String) {
    if outcome != "ok" {
        report(label, outcome);
    }
}

/// An error as printed: its WIT name.
trait Code {
    fn code(&self) -> String;
}

impl Code for ErrorCode {
    fn code(&self) -> String {
        self.name().to_string()
    }
}

impl Code for fs::ErrorCode {
    fn code(&self) -> String {
        self.name().to_string()
    }
}

impl Code for StreamError {
    fn code(&self) -> String {
        match self {
            StreamError::Closed => "closed".to_string(),
            StreamError::LastOperationFailed(_) => "last-operation-failed".to_string(),
        }
    }
}

/// How a success value is printed after `ok`; `None` prints a plain `ok`.
trait Value {
    fn value(&self) -> Option<String>;
}

impl Value for () {
    fn value(&self) -> Option<String> {
        None
    }
}

macro_rules! plain_values {
    ($($t:ty),*) => {$(
        impl Value for $t {
            fn value(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
plain_values!(bool, u8, u32, u64);

impl Value for Vec<u8> {
    fn value(&self) -> Option<String> {
        Some(quoted(self))
    }
}

/// Bytes as a quoted, escaped string: readable and on one line whatever they hold.
fn quoted(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

fn outcome<T: Value, E: Code>(result: &Result<T, E>) -> String {
    match result {
        Ok(v) => match v.value() {
            Some(v) => format!("ok {v}"),
            None => "ok".to_string(),
        },
        Err(e) => e.code(),
    }
}

/// Like `outcome`, for results whose value is a resource or otherwise not printed.
fn status<T, E: Code>(result: &Result<T, E>) -> String {
    match result {
        Ok(_) => "ok".to_string(),
        Err(e) => e.code(),
    }
}

/// The outcome of a step that may have waited: `None` means it timed out.
fn waited<T>(result: &Option<Result<T, ErrorCode>>) -> String {
    match result {
        Some(r) => status(r),
        None => "timeout".to_string(),
    }
}

/// Unwraps a setup step that must succeed; the panic names the step.
fn setup<T, E: Code>(result: Result<T, E>, step: &str) -> T {
    result.unwrap_or_else(|e| panic!("setup step `{step}` failed: {}", e.code()))
}

/// Unwraps a setup step that may have waited; a timeout is also printed, as every timeout is.
fn setup_waited<T>(result: Option<Result<T, ErrorCode>>, step: &str) -> T {
    match result {
        Some(r) => setup(r, step),
        None => {
            report(step, "timeout");
            panic!("setup step `{step}` timed out");
        }
    }
}

// ---- Addresses ----

/// Parses a literal like `127.0.0.1:0` or `[::1]:80`; std's types only parse and format here.
fn sock_addr(text: &str) -> IpSocketAddress {
    let addr: SocketAddr = text.parse().expect("a valid socket address literal");
    match addr {
        SocketAddr::V4(a) => {
            let [o0, o1, o2, o3] = a.ip().octets();
            IpSocketAddress::Ipv4(Ipv4SocketAddress { port: a.port(), address: (o0, o1, o2, o3) })
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

fn std_addr(addr: &IpSocketAddress) -> SocketAddr {
    match addr {
        IpSocketAddress::Ipv4(a) => {
            let (o0, o1, o2, o3) = a.address;
            SocketAddrV4::new(Ipv4Addr::new(o0, o1, o2, o3), a.port).into()
        }
        IpSocketAddress::Ipv6(a) => {
            let (s0, s1, s2, s3, s4, s5, s6, s7) = a.address;
            let ip = Ipv6Addr::new(s0, s1, s2, s3, s4, s5, s6, s7);
            SocketAddrV6::new(ip, a.port, a.flow_info, a.scope_id).into()
        }
    }
}

fn ip_text(ip: &IpAddress) -> String {
    let ip: IpAddr = match *ip {
        IpAddress::Ipv4((o0, o1, o2, o3)) => Ipv4Addr::new(o0, o1, o2, o3).into(),
        IpAddress::Ipv6((s0, s1, s2, s3, s4, s5, s6, s7)) => Ipv6Addr::new(s0, s1, s2, s3, s4, s5, s6, s7).into(),
    };
    ip.to_string()
}

fn family(addr: &IpSocketAddress) -> IpAddressFamily {
    match addr {
        IpSocketAddress::Ipv4(_) => IpAddressFamily::Ipv4,
        IpSocketAddress::Ipv6(_) => IpAddressFamily::Ipv6,
    }
}

/// An address with its port hidden unless it is 0, since ephemeral ports differ between runs.
fn masked(addr: &IpSocketAddress) -> String {
    let addr = std_addr(addr);
    let ip = match addr.ip() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    match addr.port() {
        0 => format!("{ip}:0"),
        _ => format!("{ip}:port>0"),
    }
}

fn masked_outcome(result: &Result<IpSocketAddress, ErrorCode>) -> String {
    match result {
        Ok(addr) => format!("ok {}", masked(addr)),
        Err(e) => e.code(),
    }
}

/// `ok same` if the address equals `expected`, `ok different` otherwise.
fn compared(result: &Result<IpSocketAddress, ErrorCode>, expected: &IpSocketAddress) -> String {
    match result {
        Ok(addr) if std_addr(addr) == std_addr(expected) => "ok same".to_string(),
        Ok(_) => "ok different".to_string(),
        Err(e) => e.code(),
    }
}

// ---- Waiting ----

/// A pollable that becomes ready 5 s from now.
fn deadline() -> Pollable {
    monotonic_clock::subscribe_duration(TIMEOUT_NS)
}

/// Blocks until `pollable` is ready; false if `timeout` fired first (or at the same time: after
/// that, nothing may wait any longer).
fn ready(pollable: &Pollable, timeout: &Pollable) -> bool {
    !poll::poll(&[pollable, timeout]).contains(&1)
}

fn sleep_ms(ms: u64) {
    monotonic_clock::subscribe_duration(ms * 1_000_000).block();
}

/// Repeats `attempt` while it answers would-block, waiting on a fresh pollable from `subscribe`
/// in between; `None` if 5 s pass first.
fn retry<T>(
    subscribe: impl Fn() -> Pollable,
    mut attempt: impl FnMut() -> Result<T, ErrorCode>,
) -> Option<Result<T, ErrorCode>> {
    let timeout = deadline();
    loop {
        match attempt() {
            Err(ErrorCode::WouldBlock) => {
                let pollable = subscribe();
                if !ready(&pollable, &timeout) {
                    return None;
                }
            }
            other => return Some(other),
        }
    }
}

// ---- Sockets ----

/// A TCP connection end. Fields drop in order: the streams before the socket they belong to.
struct Conn {
    input: InputStream,
    output: OutputStream,
    socket: TcpSocket,
}

/// Both ends of a loopback TCP connection, and the listener that accepted it.
struct Pair {
    client: Conn,
    server: Conn,
    /// Kept open for as long as the connection.
    _listener: TcpSocket,
}

/// A UDP socket with its streams, which drop before it.
struct Udp {
    incoming: IncomingDatagramStream,
    outgoing: OutgoingDatagramStream,
    /// Only held: the streams are what the commands use.
    _socket: UdpSocket,
}

fn tcp_bind(net: &Network, socket: &TcpSocket, at: IpSocketAddress) -> Option<Result<(), ErrorCode>> {
    if let Err(e) = socket.start_bind(net, at) {
        return Some(Err(e));
    }
    retry(|| socket.subscribe(), || socket.finish_bind())
}

fn udp_bind(net: &Network, socket: &UdpSocket, at: IpSocketAddress) -> Option<Result<(), ErrorCode>> {
    if let Err(e) = socket.start_bind(net, at) {
        return Some(Err(e));
    }
    retry(|| socket.subscribe(), || socket.finish_bind())
}

fn tcp_connect(
    net: &Network,
    socket: &TcpSocket,
    to: IpSocketAddress,
) -> Option<Result<(InputStream, OutputStream), ErrorCode>> {
    if let Err(e) = socket.start_connect(net, to) {
        return Some(Err(e));
    }
    retry(|| socket.subscribe(), || socket.finish_connect())
}

fn udp_bound(net: &Network, at: &str) -> UdpSocket {
    let at = sock_addr(at);
    let socket = setup(create_udp_socket(family(&at)), "create-udp-socket");
    setup_waited(udp_bind(net, &socket, at), "udp bind");
    socket
}

fn udp_streaming(net: &Network) -> Udp {
    let socket = udp_bound(net, "127.0.0.1:0");
    let (incoming, outgoing) = setup(socket.stream(None), "udp stream(none)");
    Udp { incoming, outgoing, _socket: socket }
}

fn tcp_listener(net: &Network) -> TcpSocket {
    let listener = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    setup_waited(tcp_bind(net, &listener, sock_addr("127.0.0.1:0")), "tcp bind");
    setup(listener.start_listen(), "start-listen");
    setup_waited(retry(|| listener.subscribe(), || listener.finish_listen()), "finish-listen");
    listener
}

fn connected_pair(net: &Network) -> Pair {
    let listener = tcp_listener(net);
    let at = setup(listener.local_address(), "listener local-address");
    let socket = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    let (input, output) = setup_waited(tcp_connect(net, &socket, at), "connect");
    let client = Conn { input, output, socket };
    let (socket, input, output) = setup_waited(retry(|| listener.subscribe(), || listener.accept()), "accept");
    let server = Conn { input, output, socket };
    Pair { client, server, _listener: listener }
}

/// Writes all of `data` with check-write and write, then blocking-flush.
fn write_all(out: &OutputStream, mut data: &[u8]) -> String {
    let timeout = deadline();
    while !data.is_empty() {
        let permitted = match out.check_write() {
            Ok(n) => n,
            Err(e) => return e.code(),
        };
        if permitted == 0 {
            if !ready(&out.subscribe(), &timeout) {
                return "timeout".to_string();
            }
            continue;
        }
        let (now, rest) = data.split_at(data.len().min(permitted as usize));
        if let Err(e) = out.write(now) {
            return e.code();
        }
        data = rest;
    }
    status(&out.blocking_flush())
}

/// Sends one datagram: waits for check-send to permit it, then sends.
fn send_datagram(
    out: &OutgoingDatagramStream,
    data: &[u8],
    to: Option<IpSocketAddress>,
) -> Option<Result<u64, ErrorCode>> {
    // A zero permit means "not now": treated like would-block so that `retry` waits for it.
    let permit = retry(
        || out.subscribe(),
        || match out.check_send() {
            Ok(0) => Err(ErrorCode::WouldBlock),
            other => other,
        },
    );
    match permit {
        Some(Ok(_)) => {}
        other => return other,
    }
    let datagram = OutgoingDatagram { data: data.to_vec(), remote_address: to };
    Some(out.send(&[datagram]))
}

fn sent_outcome(result: &Option<Result<u64, ErrorCode>>) -> String {
    match result {
        Some(r) => outcome(r),
        None => "timeout".to_string(),
    }
}

/// Resolves `name` and drains the stream: `ok` and the addresses sorted, or the error.
fn resolve(name: &str) -> String {
    let net = instance_network();
    let stream = match ip_name_lookup::resolve_addresses(&net, name) {
        Ok(stream) => stream,
        Err(e) => return e.code(),
    };
    let mut found = Vec::new();
    let timeout = deadline();
    loop {
        match stream.resolve_next_address() {
            Ok(Some(ip)) => found.push(ip_text(&ip)),
            Ok(None) => break,
            Err(ErrorCode::WouldBlock) => {
                if !ready(&stream.subscribe(), &timeout) {
                    return "timeout".to_string();
                }
            }
            Err(e) => return e.code(),
        }
    }
    found.sort();
    std::iter::once("ok".to_string()).chain(found).collect::<Vec<_>>().join(" ")
}

// ---- Filesystem ----

fn preopen(name: &str) -> Descriptor {
    preopens::get_directories()
        .into_iter()
        .find(|(_, n)| n == name)
        .map(|(d, _)| d)
        .unwrap_or_else(|| panic!("setup step `find preopen {name}` failed: no such preopen"))
}

fn flag_names(flags: DescriptorFlags) -> String {
    let names = [
        (DescriptorFlags::READ, "read"),
        (DescriptorFlags::WRITE, "write"),
        (DescriptorFlags::FILE_INTEGRITY_SYNC, "file-integrity-sync"),
        (DescriptorFlags::DATA_INTEGRITY_SYNC, "data-integrity-sync"),
        (DescriptorFlags::REQUESTED_WRITE_SYNC, "requested-write-sync"),
        (DescriptorFlags::MUTATE_DIRECTORY, "mutate-directory"),
    ];
    let present: Vec<&str> = names.iter().filter(|(f, _)| flags.contains(*f)).map(|(_, n)| *n).collect();
    if present.is_empty() { "none".to_string() } else { present.join("|") }
}

fn flags_outcome(result: &Result<DescriptorFlags, fs::ErrorCode>) -> String {
    match result {
        Ok(flags) => format!("ok {}", flag_names(*flags)),
        Err(e) => e.code(),
    }
}

/// 2001-09-09T01:46:40Z: a fixed time to set, far from now.
fn fixed_time() -> NewTimestamp {
    NewTimestamp::Timestamp(Datetime { seconds: 1_000_000_000, nanoseconds: 0 })
}

/// Reads a stream to its end, but at most `limit` bytes.
fn read_up_to(input: &InputStream, limit: usize) -> Result<Vec<u8>, StreamError> {
    let mut content = Vec::new();
    while content.len() < limit {
        match input.blocking_read((limit - content.len()) as u64) {
            Ok(bytes) => content.extend(bytes),
            Err(StreamError::Closed) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(content)
}

// ---- Commands: UDP ----

fn udp_disconnect() {
    let net = instance_network();
    let a = udp_bound(&net, "127.0.0.1:0");
    let b = udp_bound(&net, "127.0.0.1:0");
    let b_at = setup(b.local_address(), "b local-address");
    let a_at = setup(a.local_address(), "a local-address");
    let streams = a.stream(Some(b_at));
    report("stream(some(b))", status(&streams));
    report("remote-address", compared(&a.remote_address(), &b_at));
    // Streams from an earlier stream call must be gone before the next one.
    drop(streams);
    let streams = a.stream(None);
    report("stream(none)", status(&streams));
    report("remote-address", compared(&a.remote_address(), &b_at));
    // Disconnecting must not give up the port the socket was bound to.
    report("local-address", compared(&a.local_address(), &a_at));
}

fn udp_filter() {
    let net = instance_network();
    let a = udp_bound(&net, "127.0.0.1:0");
    let b = udp_bound(&net, "127.0.0.1:0");
    let c = udp_bound(&net, "127.0.0.1:0");
    let a_at = setup(a.local_address(), "a local-address");
    let b_at = setup(b.local_address(), "b local-address");
    let c_at = setup(c.local_address(), "c local-address");

    // c's datagram reaches a before a is connected to b: the host must still filter it out.
    let (_c_in, c_out) = setup(c.stream(None), "c stream(none)");
    report_failure("send from c", waited(&send_datagram(&c_out, b"from c", Some(a_at))));
    sleep_ms(50);

    let (a_in, _a_out) = setup(a.stream(Some(b_at)), "a stream(some(b))");
    let (_b_in, b_out) = setup(b.stream(None), "b stream(none)");
    report_failure("send from b", waited(&send_datagram(&b_out, b"from b", Some(a_at))));

    // An empty batch counts as "not yet", so `retry` waits on the stream's pollable.
    let received = retry(
        || a_in.subscribe(),
        || match a_in.receive(10) {
            Ok(batch) if batch.is_empty() => Err(ErrorCode::WouldBlock),
            other => other,
        },
    );
    let batch = match received {
        Some(Ok(batch)) => batch,
        other => {
            report("receive", waited(&other));
            Vec::new()
        }
    };
    for datagram in &batch {
        let from = std_addr(&datagram.remote_address);
        let who = if from == std_addr(&b_at) {
            "b"
        } else if from == std_addr(&c_at) {
            "c"
        } else {
            "other"
        };
        line(&format!("received: {} from {who}", quoted(&datagram.data)));
    }
    report("count", batch.len().to_string());
}

// ---- Commands: TCP ----

fn tcp_shutdown_receive() {
    let net = instance_network();
    let pair = connected_pair(&net);
    report("shutdown(receive)", outcome(&pair.client.socket.shutdown(ShutdownType::Receive)));
    report_failure("server write", write_all(&pair.server.output, b"late"));
    let input = &pair.client.input;
    report("read(10)", outcome(&input.read(10)));
    report("read(0)", outcome(&input.read(0)));
    report("blocking-read(10)", outcome(&input.blocking_read(10)));
}

fn tcp_shutdown_send() {
    let net = instance_network();
    let pair = connected_pair(&net);
    report("shutdown(send)", outcome(&pair.client.socket.shutdown(ShutdownType::Send)));
    let output = &pair.client.output;
    report("check-write", outcome(&output.check_write()));
    report("write", outcome(&output.write(b"x")));
    report("flush", outcome(&output.flush()));
    report("check-write again", outcome(&output.check_write()));
    report("server blocking-read(10)", outcome(&pair.server.input.blocking_read(10)));
    report("server read(0)", outcome(&pair.server.input.read(0)));
}

fn tcp_peer_gone() {
    let net = instance_network();
    let pair = connected_pair(&net);
    report_failure("client write", write_all(&pair.client.output, b"unread data"));
    // Closing with the data unread makes the kernel reset the connection, so wait until it has
    // arrived (without reading it).
    if !ready(&pair.server.input.subscribe(), &deadline()) {
        report("server readable", "timeout");
    }
    drop(pair.server);

    let output = &pair.client.output;
    let mut first_failure = None;
    for _ in 0..10 {
        let attempt = output.check_write().and_then(|permitted| {
            if permitted == 0 {
                return Ok(());
            }
            output.write(b"z")?;
            output.flush()
        });
        if let Err(e) = attempt {
            first_failure = Some(e.code());
            break;
        }
        sleep_ms(20);
    }
    report("first failure", first_failure.unwrap_or_else(|| "none".to_string()));
    report("check-write after", outcome(&output.check_write()));
    report("write after", outcome(&output.write(b"y")));
    report("flush after", outcome(&output.flush()));
}

fn tcp_read_zero_after_eof() {
    let net = instance_network();
    let pair = connected_pair(&net);
    report("server shutdown(send)", outcome(&pair.server.socket.shutdown(ShutdownType::Send)));
    let input = &pair.client.input;
    report("blocking-read(10)", outcome(&input.blocking_read(10)));
    report("read(0)", outcome(&input.read(0)));
    report("read(0) again", outcome(&input.read(0)));
}

// ---- Commands: socket state and options ----

fn remote_address() {
    let net = instance_network();
    let udp = setup(create_udp_socket(IpAddressFamily::Ipv4), "create-udp-socket");
    report("udp unbound remote-address", masked_outcome(&udp.remote_address()));
    let udp = udp_bound(&net, "127.0.0.1:0");
    report("udp bound remote-address", masked_outcome(&udp.remote_address()));

    let tcp = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    report("tcp unbound remote-address", masked_outcome(&tcp.remote_address()));
    let tcp = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    setup_waited(tcp_bind(&net, &tcp, sock_addr("127.0.0.1:0")), "tcp bind");
    report("tcp bound remote-address", masked_outcome(&tcp.remote_address()));
    let listener = tcp_listener(&net);
    report("tcp listening remote-address", masked_outcome(&listener.remote_address()));
    let tcp = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    report("tcp unbound local-address", masked_outcome(&tcp.local_address()));
}

fn keepalive() {
    let tcp = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    report("keep-alive-enabled", outcome(&tcp.keep_alive_enabled()));
    report("set-keep-alive-idle-time(u64::MAX)", outcome(&tcp.set_keep_alive_idle_time(u64::MAX)));
    report("set-keep-alive-interval(u64::MAX)", outcome(&tcp.set_keep_alive_interval(u64::MAX)));
    report("set-keep-alive-count(u32::MAX)", outcome(&tcp.set_keep_alive_count(u32::MAX)));
    report("keep-alive-idle-time", outcome(&tcp.keep_alive_idle_time()));
    report("keep-alive-interval", outcome(&tcp.keep_alive_interval()));
    report("keep-alive-count", outcome(&tcp.keep_alive_count()));
    report("keep-alive-enabled", outcome(&tcp.keep_alive_enabled()));
    report("set-keep-alive-idle-time(0)", outcome(&tcp.set_keep_alive_idle_time(0)));
    report("set-keep-alive-interval(0)", outcome(&tcp.set_keep_alive_interval(0)));
    report("set-keep-alive-count(0)", outcome(&tcp.set_keep_alive_count(0)));
    report("set-keep-alive-idle-time(1)", outcome(&tcp.set_keep_alive_idle_time(1)));
    report("keep-alive-idle-time", outcome(&tcp.keep_alive_idle_time()));
    report("set-keep-alive-idle-time(1500000000)", outcome(&tcp.set_keep_alive_idle_time(1_500_000_000)));
    report("keep-alive-idle-time", outcome(&tcp.keep_alive_idle_time()));
}

fn buffer_sizes() {
    let tcp = setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    buffer_size_checks(
        "tcp",
        |n| tcp.set_receive_buffer_size(n),
        || tcp.receive_buffer_size(),
        |n| tcp.set_send_buffer_size(n),
        || tcp.send_buffer_size(),
    );
    let udp = setup(create_udp_socket(IpAddressFamily::Ipv4), "create-udp-socket");
    buffer_size_checks(
        "udp",
        |n| udp.set_receive_buffer_size(n),
        || udp.receive_buffer_size(),
        |n| udp.set_send_buffer_size(n),
        || udp.send_buffer_size(),
    );
}

/// The buffer-size checks for one socket, given its four accessors.
fn buffer_size_checks(
    kind: &str,
    set_receive: impl Fn(u64) -> Result<(), ErrorCode>,
    receive: impl Fn() -> Result<u64, ErrorCode>,
    set_send: impl Fn(u64) -> Result<(), ErrorCode>,
    send: impl Fn() -> Result<u64, ErrorCode>,
) {
    report(&format!("{kind} set-receive-buffer-size(65536)"), outcome(&set_receive(65536)));
    report(&format!("{kind} receive-buffer-size"), outcome(&receive()));
    report(&format!("{kind} set-send-buffer-size(65536)"), outcome(&set_send(65536)));
    report(&format!("{kind} send-buffer-size"), outcome(&send()));
    report(&format!("{kind} set-receive-buffer-size(0)"), outcome(&set_receive(0)));
    report(&format!("{kind} set-receive-buffer-size(u64::MAX)"), outcome(&set_receive(u64::MAX)));
}

// ---- Commands: addresses ----

fn addresses() {
    let net = instance_network();
    for at in ["255.255.255.255:0", "224.0.0.1:0", "[ff02::1]:0", "[::ffff:127.0.0.1]:0"] {
        report(&format!("tcp bind {at}"), tcp_bind_attempt(&net, at));
    }
    for at in ["255.255.255.255:0", "224.0.0.1:0", "[ff02::1]:0"] {
        report(&format!("udp bind {at}"), udp_bind_attempt(&net, at));
    }

    let connects = [
        "0.0.0.0:80",
        "255.255.255.255:80",
        "224.0.0.1:80",
        "127.0.0.1:0",
        "[::]:80",
        "[ff02::1]:80",
        "[::ffff:127.0.0.1]:80",
    ];
    for at in connects {
        let to = sock_addr(at);
        report(&format!("tcp connect {at}"), tcp_connect_attempt(&net, family(&to), to));
    }
    let to = sock_addr("[::1]:80");
    report("tcp connect [::1]:80 from ipv4 socket", tcp_connect_attempt(&net, IpAddressFamily::Ipv4, to));

    for at in ["0.0.0.0:80", "255.255.255.255:80", "224.0.0.1:80", "127.0.0.1:0", "[::]:80", "[::ffff:127.0.0.1]:80"] {
        report(&format!("udp stream {at}"), udp_stream_attempt(&net, at));
    }

    for at in ["0.0.0.0:80", "127.0.0.1:0"] {
        report(&format!("udp send {at}"), udp_send_attempt(&net, Some(sock_addr(at))));
    }
    report("udp send without address", udp_send_attempt(&net, None));
}

fn tcp_bind_attempt(net: &Network, at: &str) -> String {
    let at = sock_addr(at);
    let socket = setup(create_tcp_socket(family(&at)), "create-tcp-socket");
    waited(&tcp_bind(net, &socket, at))
}

fn udp_bind_attempt(net: &Network, at: &str) -> String {
    let at = sock_addr(at);
    let socket = setup(create_udp_socket(family(&at)), "create-udp-socket");
    waited(&udp_bind(net, &socket, at))
}

fn tcp_connect_attempt(net: &Network, on: IpAddressFamily, to: IpSocketAddress) -> String {
    let socket = setup(create_tcp_socket(on), "create-tcp-socket");
    let streams = tcp_connect(net, &socket, to);
    waited(&streams)
}

/// stream(some(to)) on a socket bound to the loopback address of `to`'s family.
fn udp_stream_attempt(net: &Network, to: &str) -> String {
    let to = sock_addr(to);
    let socket = match family(&to) {
        IpAddressFamily::Ipv4 => udp_bound(net, "127.0.0.1:0"),
        IpAddressFamily::Ipv6 => udp_bound(net, "[::1]:0"),
    };
    let streams = socket.stream(Some(to));
    status(&streams)
}

fn udp_send_attempt(net: &Network, to: Option<IpSocketAddress>) -> String {
    let udp = udp_streaming(net);
    sent_outcome(&send_datagram(&udp.outgoing, b"probe", to))
}

// ---- Commands: stdio and filesystem ----

fn stdin_error() {
    let input = stdin::get_stdin();
    let first = input.blocking_read(16);
    report("read", outcome(&first));
    if let Err(StreamError::LastOperationFailed(e)) = &first {
        let code = fs::filesystem_error_code(e);
        report("filesystem-error-code", code.map_or("none".to_string(), |c| c.code()));
    }
    report("read again", outcome(&input.blocking_read(16)));
}

fn readonly_streams(dir: &str, name: &str) {
    let dir = preopen(dir);
    let file = dir.open_at(PathFlags::empty(), name, OpenFlags::empty(), DescriptorFlags::READ);
    report("open-at", status(&file));
    let Ok(file) = file else { return };
    report("write-via-stream(0)", status(&file.write_via_stream(0)));
    report("append-via-stream", status(&file.append_via_stream()));
    let input = file.read_via_stream(0);
    report("read-via-stream(0)", status(&input));
    if let Ok(input) = &input {
        match read_up_to(input, 100) {
            Ok(content) => report("content", quoted(&content)),
            Err(e) => report("content", e.code()),
        }
    }
    drop(input);
    report("write(x, 0)", outcome(&file.write(b"x", 0)));
    report("set-size(0)", outcome(&file.set_size(0)));
}

fn readonly(ro_name: &str, rw_name: &str) {
    let ro = preopen(ro_name);
    let rw = preopen(rw_name);
    let none = PathFlags::empty();
    let read = DescriptorFlags::READ;
    // Creating takes write access too, as on a writable directory, so only RO's refusal is tested.
    let read_write = read | DescriptorFlags::WRITE;

    let file = ro.open_at(none, "f.txt", OpenFlags::empty(), read);
    let content = match &file {
        Ok(file) => match file.read(100, 0) {
            Ok((bytes, _)) => format!("ok {}", quoted(&bytes)),
            Err(e) => e.code(),
        },
        Err(e) => e.code(),
    };
    report("read f.txt", content);
    let write = DescriptorFlags::WRITE;
    report("open-at f.txt write", status(&ro.open_at(none, "f.txt", OpenFlags::empty(), write)));
    report("open-at new.txt create", status(&ro.open_at(none, "new.txt", OpenFlags::CREATE, read_write)));
    report("open-at f.txt truncate", status(&ro.open_at(none, "f.txt", OpenFlags::TRUNCATE, read)));
    report("create-directory-at newdir", status(&ro.create_directory_at("newdir")));
    report("unlink-file-at f.txt", status(&ro.unlink_file_at("f.txt")));
    report("remove-directory-at sub", status(&ro.remove_directory_at("sub")));
    report("rename-at f.txt -> g.txt", status(&ro.rename_at("f.txt", &ro, "g.txt")));
    report("rename-at f.txt -> RW moved.txt", status(&ro.rename_at("f.txt", &rw, "moved.txt")));

    let flags = OpenFlags::CREATE | OpenFlags::TRUNCATE;
    let w = setup(rw.open_at(none, "w.txt", flags, read_write), "create RW w.txt");
    setup(w.write(b"w", 0), "write RW w.txt");
    drop(w);
    report("rename-at RW w.txt -> RO w.txt", status(&rw.rename_at("w.txt", &ro, "w.txt")));
    report("link-at f.txt -> RW linked.txt", status(&ro.link_at(none, "f.txt", &rw, "linked.txt")));
    report("symlink-at f.txt -> s", status(&ro.symlink_at("f.txt", "s")));
    let set = ro.set_times_at(none, "f.txt", NewTimestamp::NoChange, fixed_time());
    report("set-times-at f.txt", status(&set));

    if let Ok(file) = &file {
        report("f.txt write(x, 0)", outcome(&file.write(b"x", 0)));
        report("f.txt set-size(0)", outcome(&file.set_size(0)));
        report("f.txt set-times", outcome(&file.set_times(NewTimestamp::NoChange, fixed_time())));
        report("f.txt write-via-stream(0)", status(&file.write_via_stream(0)));
        report("f.txt append-via-stream", status(&file.append_via_stream()));
    }

    report("get-flags RO", flags_outcome(&ro.get_flags()));
    report("get-flags RW", flags_outcome(&rw.get_flags()));
    let mutate = read | DescriptorFlags::MUTATE_DIRECTORY;
    report("open-at sub read|mutate-directory", status(&ro.open_at(none, "sub", OpenFlags::DIRECTORY, mutate)));
    // A subdirectory opened for reading inherits RO's read-only grant.
    let sub = ro.open_at(none, "sub", OpenFlags::DIRECTORY, read);
    report("open-at sub read", status(&sub));
    if let Ok(sub) = &sub {
        report("sub create-directory-at newdir", status(&sub.create_directory_at("newdir")));
        report("sub get-flags", flags_outcome(&sub.get_flags()));
    }

    // Leave RW as the test made it, whether or not the rename into RO was refused.
    let _ = rw.unlink_file_at("w.txt");
}

fn initial_cwd() {
    match environment::initial_cwd() {
        Some(path) => report("initial-cwd", path),
        None => report("initial-cwd", "none"),
    }
}

// ---- Commands: resource lifetimes ----

/// Drops `parent` while a pollable made from it is still alive: the host should trap.
fn drop_parent_first<P>(kind: &str, parent: P, subscribe: fn(&P) -> Pollable) {
    let pollable = subscribe(&parent);
    line(&format!("made {kind}"));
    drop(parent);
    line(&format!("dropped {kind}"));
    drop(pollable);
}

/// Drops the pollable and then its parent: the order the host must accept.
fn drop_in_order<P>(parent: P, subscribe: fn(&P) -> Pollable) {
    let pollable = subscribe(&parent);
    drop(pollable);
    drop(parent);
}

fn resolve_localhost(net: &Network) -> ResolveAddressStream {
    setup(ip_name_lookup::resolve_addresses(net, "localhost"), "resolve localhost")
}

fn drop_parent(kind: &str) {
    let net = instance_network();
    let new_tcp = || setup(create_tcp_socket(IpAddressFamily::Ipv4), "create-tcp-socket");
    let new_udp = || setup(create_udp_socket(IpAddressFamily::Ipv4), "create-udp-socket");
    match kind {
        "stdin" => drop_parent_first(kind, stdin::get_stdin(), InputStream::subscribe),
        "stdout" => drop_parent_first(kind, stdout::get_stdout(), OutputStream::subscribe),
        "tcp-socket" => drop_parent_first(kind, new_tcp(), TcpSocket::subscribe),
        "udp-socket" => drop_parent_first(kind, new_udp(), UdpSocket::subscribe),
        "incoming-datagram-stream" => {
            // Moving one field out leaves the others to drop in field order: streams first.
            let udp = udp_streaming(&net);
            drop_parent_first(kind, udp.incoming, IncomingDatagramStream::subscribe);
        }
        "outgoing-datagram-stream" => {
            let udp = udp_streaming(&net);
            drop_parent_first(kind, udp.outgoing, OutgoingDatagramStream::subscribe);
        }
        "resolve-address-stream" => drop_parent_first(kind, resolve_localhost(&net), ResolveAddressStream::subscribe),
        "tcp-streams" => {
            let pair = connected_pair(&net);
            line(&format!("made {kind}"));
            drop(pair.client.socket);
            line(&format!("dropped {kind}"));
        }
        "udp-stream-again" => {
            let socket = udp_bound(&net, "127.0.0.1:0");
            let _first = setup(socket.stream(None), "udp stream");
            line(&format!("made {kind}"));
            // The first streams are still alive: the host may trap here.
            let again = socket.stream(None);
            report("stream(none) again", status(&again));
        }
        "in-order" => {
            drop_in_order(stdin::get_stdin(), InputStream::subscribe);
            drop_in_order(stdout::get_stdout(), OutputStream::subscribe);
            drop_in_order(new_tcp(), TcpSocket::subscribe);
            drop_in_order(new_udp(), UdpSocket::subscribe);
            let udp = udp_streaming(&net);
            drop_in_order(udp.incoming, IncomingDatagramStream::subscribe);
            drop_in_order(udp.outgoing, OutgoingDatagramStream::subscribe);
            drop_in_order(resolve_localhost(&net), ResolveAddressStream::subscribe);
            report("in order", "ok");
        }
        _ => usage(),
    }
}

fn resources(n: usize) {
    let held: Vec<Pollable> = (0..n).map(|_| monotonic_clock::subscribe_duration(1_000_000_000)).collect();
    line(&format!("held {}", held.len()));
}

// ---- Commands: name lookup ----

fn net_allowed() {
    report("create-tcp-socket(ipv4)", status(&create_tcp_socket(IpAddressFamily::Ipv4)));
    report("create-udp-socket(ipv4)", status(&create_udp_socket(IpAddressFamily::Ipv4)));
    for name in ["localhost", "127.0.0.1", "::1", "example.com", "", "not a name", "[::1]"] {
        let shown = if name.is_empty() { "\"\"" } else { name };
        report(&format!("resolve {shown}"), resolve(name));
    }
}

fn lookup(name: &str) {
    report(&format!("lookup {name}"), resolve(name));
}
