//! WASI 0.2 to the letter of its WIT: the `wasi-probe` guest (`guests/wasi-probe/`, built with
//! Rust's wasm32-wasip2 target on the raw `wasip2` bindings) and hand-written WAT, run in this
//! process on both engines, with exact output, error codes and trap messages.
//!
//! Networking stays on loopback, and no test depends on the machine's resolver: name lookups
//! that would need one are either denied or answered by a resolver the test installs.

use std::io::Write;
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use cm32_host::engine::Engine;
use cm32_host::types::AbiKind;
use cm32_host::{CallError, Direction, Linker, Trap, TrapClass, WasmiEngine, WasmtimeEngine, World};
use cm32_wasi::{DirPerms, FilePerms, NameLookup, Resolver, WasiCtx, WasiCtxBuilder};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The probe's main module, taken out of the component once.
fn probe() -> &'static [u8] {
    static PROBE: OnceLock<Vec<u8>> = OnceLock::new();
    PROBE.get_or_init(|| {
        let component = std::fs::read(root().join("guests/wasi-probe.wasm")).expect("the committed probe");
        cm32_abi::component::main_module(&component).expect("one main module")
    })
}

fn world() -> Arc<World> {
    static WORLD: OnceLock<Arc<World>> = OnceLock::new();
    WORLD.get_or_init(|| cm32_wasi::command_world().expect("the command world")).clone()
}

/// One wasmtime engine for the whole test binary, so each module is compiled once.
fn wasmtime() -> &'static WasmtimeEngine {
    static ENGINE: OnceLock<WasmtimeEngine> = OnceLock::new();
    ENGINE.get_or_init(WasmtimeEngine::default)
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a run printed, and how it ended: `Ok(status)` or the trap.
struct Outcome {
    stdout: String,
    end: Result<i32, Trap>,
}

impl Outcome {
    #[track_caller]
    fn expect_stdout(&self, expected: &str, what: &str) {
        assert_eq!(self.stdout, expected, "{what}: stdout (ended {:?})", self.end);
        assert_eq!(self.end.as_ref().ok(), Some(&0), "{what}: status");
    }

    #[track_caller]
    fn expect_trap(&self, class: TrapClass, message: &str, func: &str, what: &str) {
        let Err(trap) = &self.end else { panic!("{what}: no trap; stdout {:?}", self.stdout) };
        assert_eq!((trap.class, trap.message(), trap.func()), (class, message, Some(func)), "{what}");
    }
}

fn run_on<E: Engine>(
    engine: &E,
    wasm: &[u8],
    args: &[&str],
    setup: &dyn Fn(WasiCtxBuilder) -> WasiCtxBuilder,
) -> Outcome {
    let stdout = Capture::default();
    let argv = std::iter::once("wasi-probe").chain(args.iter().copied());
    let wasi = setup(WasiCtxBuilder::default().args(argv).stdout(stdout.clone()));
    let mut linker = Linker::<WasiCtx, _>::new(world());
    cm32_wasi::add_to_linker(&mut linker).expect("WASI links");
    let end = match linker.instantiate(engine, wasm, wasi.build()) {
        Err(e) => panic!("cannot instantiate: {e}"),
        Ok(mut instance) => {
            let run = instance.typed_func::<(), Result<(), ()>>("wasi:cli/run#run").expect("a command");
            match run.call(&mut instance, ()) {
                Ok(Ok(())) => Ok(0),
                Ok(Err(())) => Ok(1),
                Err(CallError::Trap(t)) => t.exit_status().ok_or(t),
                Err(e) => panic!("call failed: {e}"),
            }
        }
    };
    let stdout = String::from_utf8(stdout.0.lock().unwrap().clone()).expect("UTF-8 output");
    Outcome { stdout, end }
}

/// Runs the same program on wasmi and on wasmtime's core API, and checks each outcome.
fn on_both_engines(
    wasm: &[u8],
    args: &[&str],
    setup: &dyn Fn(WasiCtxBuilder) -> WasiCtxBuilder,
    check: &dyn Fn(&Outcome, &str),
) {
    check(&run_on(&WasmiEngine::default(), wasm, args, setup), &format!("{args:?} on wasmi"));
    check(&run_on(wasmtime(), wasm, args, setup), &format!("{args:?} on wasmtime"));
}

fn plain(b: WasiCtxBuilder) -> WasiCtxBuilder {
    b
}

/// Probe commands whose whole output is fixed.
const EXACT: &[(&str, &str)] = &[
    // 1. `stream(none)` disconnects, and keeps the port the socket was bound to.
    (
        "udp-disconnect",
        "stream(some(b)): ok\nremote-address: ok same\nstream(none): ok\nremote-address: invalid-state\n\
         local-address: ok same\n",
    ),
    // 2. A connected socket delivers only its peer's datagrams, even ones queued before.
    ("udp-filter", "received: \"from b\" from b\ncount: 1\n"),
    // 3. TCP stream states.
    ("tcp-shutdown-receive", "shutdown(receive): ok\nread(10): closed\nread(0): closed\nblocking-read(10): closed\n"),
    (
        "tcp-shutdown-send",
        "shutdown(send): ok\ncheck-write: closed\nwrite: closed\nflush: closed\ncheck-write again: closed\n\
         server blocking-read(10): closed\nserver read(0): closed\n",
    ),
    (
        "tcp-read-zero-after-eof",
        "server shutdown(send): ok\nblocking-read(10): closed\nread(0): closed\nread(0) again: closed\n",
    ),
    // 4. `remote-address` of a socket with no peer.
    (
        "remote-address",
        "udp unbound remote-address: invalid-state\nudp bound remote-address: invalid-state\n\
         tcp unbound remote-address: invalid-state\ntcp bound remote-address: invalid-state\n\
         tcp listening remote-address: invalid-state\ntcp unbound local-address: invalid-state\n",
    ),
    // 5. Keep-alive values are clamped to Linux's limits (32767 s, 127 probes), rounded up to
    //    whole seconds, and setting them does not switch keep-alive on.
    (
        "keepalive",
        "keep-alive-enabled: ok false\nset-keep-alive-idle-time(u64::MAX): ok\n\
         set-keep-alive-interval(u64::MAX): ok\nset-keep-alive-count(u32::MAX): ok\n\
         keep-alive-idle-time: ok 32767000000000\nkeep-alive-interval: ok 32767000000000\n\
         keep-alive-count: ok 127\nkeep-alive-enabled: ok false\nset-keep-alive-idle-time(0): invalid-argument\n\
         set-keep-alive-interval(0): invalid-argument\nset-keep-alive-count(0): invalid-argument\n\
         set-keep-alive-idle-time(1): ok\nkeep-alive-idle-time: ok 1000000000\n\
         set-keep-alive-idle-time(1500000000): ok\nkeep-alive-idle-time: ok 2000000000\n",
    ),
    // 6. Addresses are checked before policy and kernel.
    (
        "addresses",
        "tcp bind 255.255.255.255:0: invalid-argument\ntcp bind 224.0.0.1:0: invalid-argument\n\
         tcp bind [ff02::1]:0: invalid-argument\ntcp bind [::ffff:127.0.0.1]:0: invalid-argument\n\
         udp bind 255.255.255.255:0: invalid-argument\nudp bind 224.0.0.1:0: invalid-argument\n\
         udp bind [ff02::1]:0: invalid-argument\ntcp connect 0.0.0.0:80: invalid-argument\n\
         tcp connect 255.255.255.255:80: invalid-argument\ntcp connect 224.0.0.1:80: invalid-argument\n\
         tcp connect 127.0.0.1:0: invalid-argument\ntcp connect [::]:80: invalid-argument\n\
         tcp connect [ff02::1]:80: invalid-argument\ntcp connect [::ffff:127.0.0.1]:80: invalid-argument\n\
         tcp connect [::1]:80 from ipv4 socket: invalid-argument\nudp stream 0.0.0.0:80: invalid-argument\n\
         udp stream 255.255.255.255:80: invalid-argument\nudp stream 224.0.0.1:80: invalid-argument\n\
         udp stream 127.0.0.1:0: invalid-argument\nudp stream [::]:80: invalid-argument\n\
         udp stream [::ffff:127.0.0.1]:80: invalid-argument\nudp send 0.0.0.0:80: invalid-argument\n\
         udp send 127.0.0.1:0: invalid-argument\nudp send without address: invalid-argument\n",
    ),
    // 10. Buffer sizes read back as set (Linux reports them doubled).
    (
        "buffer-sizes",
        "tcp set-receive-buffer-size(65536): ok\ntcp receive-buffer-size: ok 65536\n\
         tcp set-send-buffer-size(65536): ok\ntcp send-buffer-size: ok 65536\n\
         tcp set-receive-buffer-size(0): invalid-argument\ntcp set-receive-buffer-size(u64::MAX): ok\n\
         udp set-receive-buffer-size(65536): ok\nudp receive-buffer-size: ok 65536\n\
         udp set-send-buffer-size(65536): ok\nudp send-buffer-size: ok 65536\n\
         udp set-receive-buffer-size(0): invalid-argument\nudp set-receive-buffer-size(u64::MAX): ok\n",
    ),
    // Dropping pollables before what they were made from is fine.
    ("drop-parent in-order", "in order: ok\n"),
];

#[test]
fn probe_commands_with_exact_output() {
    for (command, expected) in EXACT {
        let args: Vec<&str> = command.split(' ').collect();
        on_both_engines(probe(), &args, &plain, &|out, what| out.expect_stdout(expected, what));
    }
}

/// Item 3: after the peer reset the connection, the first failing write may be `closed` or
/// `last-operation-failed` (the kernel decides); either way the stream stays closed.
#[test]
fn a_stream_that_failed_stays_closed() {
    on_both_engines(probe(), &["tcp-peer-gone"], &plain, &|out, what| {
        let (first, rest) = out.stdout.split_once('\n').expect("lines");
        assert!(["first failure: closed", "first failure: last-operation-failed"].contains(&first), "{what}: {first}");
        assert_eq!(rest, "check-write after: closed\nwrite after: closed\nflush after: closed\n", "{what}");
    });
}

/// Item 9: every resource with `subscribe` outlives its pollables, and a socket its streams: dropping
/// it first traps, naming what is still alive.
#[test]
fn dropping_a_parent_before_its_children_traps() {
    let cases = [
        (
            "stdin",
            "input-stream 2: pollable 3, made from it by `subscribe`",
            "wasi:io/streams@0.2.12#[resource-drop]input-stream",
        ),
        (
            "stdout",
            "output-stream 2: pollable 3, made from it by `subscribe`",
            "wasi:io/streams@0.2.12#[resource-drop]output-stream",
        ),
        (
            "tcp-socket",
            "tcp-socket 2: pollable 3, made from it by `subscribe`",
            "wasi:sockets/tcp@0.2.12#[resource-drop]tcp-socket",
        ),
        (
            "udp-socket",
            "udp-socket 2: pollable 3, made from it by `subscribe`",
            "wasi:sockets/udp@0.2.12#[resource-drop]udp-socket",
        ),
        (
            "incoming-datagram-stream",
            "incoming-datagram-stream 3: pollable 5, made from it by `subscribe`",
            "wasi:sockets/udp@0.2.12#[resource-drop]incoming-datagram-stream",
        ),
        (
            "outgoing-datagram-stream",
            "outgoing-datagram-stream 4: pollable 5, made from it by `subscribe`",
            "wasi:sockets/udp@0.2.12#[resource-drop]outgoing-datagram-stream",
        ),
        (
            "resolve-address-stream",
            "resolve-address-stream 2: pollable 3, made from it by `subscribe`",
            "wasi:sockets/ip-name-lookup@0.2.12#[resource-drop]resolve-address-stream",
        ),
        (
            "tcp-streams",
            "tcp-socket 3: input-stream 5, made from it",
            "wasi:sockets/tcp@0.2.12#[resource-drop]tcp-socket",
        ),
    ];
    for (kind, what, func) in cases {
        let child = what.split(": ").nth(1).and_then(|c| c.split(' ').next()).unwrap();
        let message = format!("cannot drop {what}, is still alive (drop the {child} first)");
        on_both_engines(probe(), &["drop-parent", kind], &plain, &|out, run| {
            assert_eq!(out.stdout, format!("made {kind}\n"), "{run}");
            out.expect_trap(TrapClass::Host, &message, func, run);
        });
    }
    on_both_engines(probe(), &["drop-parent", "udp-stream-again"], &plain, &|out, run| {
        out.expect_trap(
            TrapClass::Host,
            "udp-socket 2: `stream` called while incoming-datagram-stream 3 from an earlier call is alive (drop both \
             streams first)",
            "wasi:sockets/udp@0.2.12#[method]udp-socket.stream",
            run,
        );
    });
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cm32-wit-letter-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Item 7: a read of a directory given as stdin fails with `is-directory`; a reset connection given as
/// stdin fails with the network's `connection-reset`.
#[test]
fn stream_errors_carry_their_code() {
    let dir = scratch("stdin");
    let stdin_dir = |b: WasiCtxBuilder| b.stdin(std::fs::File::open(&dir).unwrap());
    on_both_engines(probe(), &["stdin-error"], &stdin_dir, &|out, what| {
        out.expect_stdout(
            "read: last-operation-failed\nfilesystem-error-code: is-directory\nread again: closed\n",
            what,
        )
    });

    let codes = wat::parse_file(root().join("guests/wat/stream-error-codes.wat")).unwrap();
    let index = |func: &str, case: &str| enum_case(func, case).to_string();
    let expected = format!(
        "read: last-operation-failed\nfilesystem-error-code: {}\nnetwork-error-code: none\n",
        index("wasi:filesystem/types#filesystem-error-code", "is-directory")
    );
    on_both_engines(&codes, &[], &stdin_dir, &|out, what| out.expect_stdout(&expected, what));

    let expected = format!(
        "read: last-operation-failed\nfilesystem-error-code: {}\nnetwork-error-code: {}\n",
        index("wasi:filesystem/types#filesystem-error-code", "io"),
        index("wasi:sockets/network#network-error-code", "connection-reset")
    );
    let reset_stdin = |b: WasiCtxBuilder| b.stdin(reset_connection());
    on_both_engines(&codes, &[], &reset_stdin, &|out, what| out.expect_stdout(&expected, what));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The index of `case` in the `error-code` that the function `func` returns an option of, read
/// from the embedded WIT.
fn enum_case(func: &str, case: &str) -> usize {
    let world = world();
    let plan = world.func(world.find_func(Direction::Import, func).expect("the function"));
    let types = world.types();
    let AbiKind::Option(option) = &types.get(plan.result.expect("a result")).kind else { panic!("not an option") };
    let some = option.cases[1].1.expect("some has a payload");
    let AbiKind::Enum(codes) = &types.get(some).kind else { panic!("not an enum") };
    codes.cases.iter().position(|(name, _)| name == case).unwrap_or_else(|| panic!("no case {case}"))
}

/// A loopback connection whose peer reset it: the next read fails with ECONNRESET.
fn reset_connection() -> TcpStream {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    client.write_all(b"unread").unwrap();
    // Closing with data unread makes the kernel answer with a reset; wait until it is there.
    let mut waited = 0;
    while server.peek(&mut [0]).unwrap() == 0 {
        std::thread::sleep(std::time::Duration::from_millis(5));
        waited += 1;
        assert!(waited < 1000, "the data never arrived");
    }
    drop(server);
    client.set_read_timeout(Some(std::time::Duration::from_millis(1))).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    client
}

/// Item 8: streams need a descriptor opened for them.
#[test]
fn streams_on_a_read_only_descriptor() {
    let dir = scratch("streams");
    std::fs::write(dir.join("x.txt"), "hi\n").unwrap();
    let rw = |b: WasiCtxBuilder| b.preopened_dir(&dir, "data", DirPerms::all(), FilePerms::all()).unwrap();
    on_both_engines(probe(), &["readonly-streams", "data", "x.txt"], &rw, &|out, what| {
        out.expect_stdout(
            "open-at: ok\nwrite-via-stream(0): not-permitted\nappend-via-stream: not-permitted\n\
             read-via-stream(0): ok\ncontent: \"hi\\n\"\nwrite(x, 0): bad-descriptor\nset-size(0): invalid\n",
            what,
        )
    });
    assert_eq!(std::fs::read_to_string(dir.join("x.txt")).unwrap(), "hi\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every file and its content under `dir`, sorted, to see that nothing changed.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.strip_prefix(dir).unwrap().display().to_string();
        if path.is_dir() {
            found.push((name.clone() + "/", String::new()));
            found.extend(tree(&path).into_iter().map(|(n, c)| (format!("{name}/{n}"), c)));
        } else {
            found.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    found.sort();
    found
}

/// A read-only preopen: everything that would change it is `not-permitted`, through it or out of
/// it, and nothing in it changes.
#[test]
fn a_read_only_preopen_stays_as_it_was() {
    let base = scratch("readonly");
    let (ro, rw) = (base.join("ro"), base.join("rw"));
    std::fs::create_dir_all(ro.join("sub")).unwrap();
    std::fs::create_dir_all(&rw).unwrap();
    std::fs::write(ro.join("f.txt"), "hello").unwrap();
    let before = tree(&base);
    let setup = |b: WasiCtxBuilder| {
        b.preopened_dir(&ro, "ro", DirPerms::READ, FilePerms::READ)
            .unwrap()
            .preopened_dir(&rw, "rw", DirPerms::all(), FilePerms::all())
            .unwrap()
    };
    on_both_engines(probe(), &["readonly", "ro", "rw"], &setup, &|out, what| {
        out.expect_stdout(
            "read f.txt: ok \"hello\"\nopen-at f.txt write: not-permitted\nopen-at new.txt create: not-permitted\n\
             open-at f.txt truncate: not-permitted\ncreate-directory-at newdir: not-permitted\n\
             unlink-file-at f.txt: not-permitted\nremove-directory-at sub: not-permitted\n\
             rename-at f.txt -> g.txt: not-permitted\nrename-at f.txt -> RW moved.txt: not-permitted\n\
             rename-at RW w.txt -> RO w.txt: not-permitted\nlink-at f.txt -> RW linked.txt: not-permitted\n\
             symlink-at f.txt -> s: not-permitted\nset-times-at f.txt: not-permitted\n\
             f.txt write(x, 0): not-permitted\nf.txt set-size(0): not-permitted\nf.txt set-times: not-permitted\n\
             f.txt write-via-stream(0): not-permitted\nf.txt append-via-stream: not-permitted\n\
             get-flags RO: ok read\nget-flags RW: ok read|mutate-directory\n\
             open-at sub read|mutate-directory: not-permitted\nopen-at sub read: ok\n\
             sub create-directory-at newdir: not-permitted\nsub get-flags: ok read\n",
            what,
        );
        assert_eq!(tree(&base), before, "{what}: the directories are as they were");
    });
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn initial_cwd_is_what_the_host_says() {
    on_both_engines(probe(), &["initial-cwd"], &plain, &|out, what| out.expect_stdout("initial-cwd: none\n", what));
    let cwd = |b: WasiCtxBuilder| b.initial_cwd("/data/work");
    on_both_engines(probe(), &["initial-cwd"], &cwd, &|out, what| out.expect_stdout("initial-cwd: /data/work\n", what));
}

/// A resolver that counts its calls and answers with a documentation address.
fn counting_resolver() -> (Resolver, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let resolver: Resolver = Arc::new(move |name: &str| {
        seen.fetch_add(1, Ordering::SeqCst);
        assert_eq!(name, "example.com");
        Ok(vec!["192.0.2.7".parse::<IpAddr>().unwrap(), "2001:db8::7".parse().unwrap()])
    });
    (resolver, calls)
}

/// The sandbox: by default only names that need no network resolve, and a denied lookup never
/// reaches the resolver.
#[test]
fn name_lookup_is_local_unless_allowed() {
    let (resolver, calls) = counting_resolver();
    let default = move |b: WasiCtxBuilder| b.name_resolver(resolver.clone());
    on_both_engines(probe(), &["net-allowed"], &default, &|out, what| {
        out.expect_stdout(
            "create-tcp-socket(ipv4): ok\ncreate-udp-socket(ipv4): ok\nresolve localhost: ok 127.0.0.1 ::1\n\
             resolve 127.0.0.1: ok 127.0.0.1\nresolve ::1: ok ::1\nresolve example.com: access-denied\n\
             resolve \"\": invalid-argument\nresolve not a name: invalid-argument\nresolve [::1]: ok ::1\n",
            what,
        )
    });
    assert_eq!(calls.load(Ordering::SeqCst), 0, "no lookup reached the resolver");

    let (resolver, calls) = counting_resolver();
    let any = move |b: WasiCtxBuilder| b.ip_name_lookup(NameLookup::Any).name_resolver(resolver.clone());
    on_both_engines(probe(), &["lookup", "example.com"], &any, &|out, what| {
        out.expect_stdout("lookup example.com: ok 192.0.2.7 2001:db8::7\n", what)
    });
    assert_eq!(calls.load(Ordering::SeqCst), 2, "one lookup per engine");
}

/// TCP, UDP and name lookup switched off.
#[test]
fn networking_switched_off() {
    let off = |b: WasiCtxBuilder| b.allow_tcp(false).allow_udp(false).ip_name_lookup(NameLookup::Off);
    on_both_engines(probe(), &["net-allowed"], &off, &|out, what| {
        out.expect_stdout(
            "create-tcp-socket(ipv4): access-denied\ncreate-udp-socket(ipv4): access-denied\n\
             resolve localhost: access-denied\nresolve 127.0.0.1: access-denied\nresolve ::1: access-denied\n\
             resolve example.com: access-denied\nresolve \"\": access-denied\nresolve not a name: access-denied\n\
             resolve [::1]: access-denied\n",
            what,
        )
    });
}

/// The limit on live resources: one past it traps with class `limit`.
#[test]
fn the_resource_limit_traps() {
    let tight = |b: WasiCtxBuilder| b.max_resources(50);
    on_both_engines(probe(), &["resources", "100"], &tight, &|out, what| {
        out.expect_trap(
            TrapClass::Limit,
            "a new pollable would pass the limit of 50 live WASI resources in this instance (drop resources the \
             program no longer needs, or raise the limit)",
            "wasi:clocks/monotonic-clock@0.2.12#subscribe-duration",
            what,
        )
    });
    let roomy = |b: WasiCtxBuilder| b.max_resources(200);
    on_both_engines(probe(), &["resources", "100"], &roomy, &|out, what| out.expect_stdout("held 100\n", what));
}
