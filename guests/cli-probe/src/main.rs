//! Exercises wasi:cli, wasi:io, wasi:clocks and wasi:random through Rust's std, one command per
//! run, so that tests can assert exact output and exit status.

use std::io::{Read, Write};
use std::time::{Duration, Instant, SystemTime};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("args") => {
            for (i, a) in args.iter().enumerate() {
                println!("{i}: {a}");
            }
        }
        Some("env") => {
            let mut vars: Vec<(String, String)> = std::env::vars().collect();
            vars.sort();
            for (k, v) in vars {
                println!("{k}={v}");
            }
        }
        Some("cat") => {
            // stdin to EOF, upper-cased to stdout, with the byte count on stderr.
            let mut input = Vec::new();
            std::io::stdin().read_to_end(&mut input).unwrap();
            std::io::stdout().write_all(&input.to_ascii_uppercase()).unwrap();
            eprintln!("read {} bytes", input.len());
        }
        Some("big") => {
            // More than one 4096-byte write budget, so the guest must check-write and flush.
            let line = "0123456789abcdef".repeat(64);
            let mut out = std::io::stdout().lock();
            for _ in 0..40 {
                writeln!(out, "{line}").unwrap();
            }
        }
        Some("clocks") => {
            let start = Instant::now();
            std::thread::sleep(Duration::from_millis(20));
            let slept = start.elapsed();
            let wall = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap();
            println!("slept at least 20ms: {}", slept >= Duration::from_millis(20));
            println!("wall clock after 2020: {}", wall.as_secs() > 1_577_836_800);
        }
        Some("random") => {
            let a: std::collections::hash_map::RandomState = Default::default();
            let b: std::collections::hash_map::RandomState = Default::default();
            use std::hash::BuildHasher;
            println!("hash seeds differ: {}", a.hash_one(1u8) != b.hash_one(1u8));
        }
        Some("exit") => {
            let code: i32 = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(0);
            std::process::exit(code);
        }
        Some("fail") => {
            eprintln!("failing on purpose");
            std::process::exit(1);
        }
        Some("spew") => {
            // N MiB to stdout in 4096-byte writes, for the throughput benchmark.
            let mib: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
            let block = [b'x'; 4096];
            let mut out = std::io::stdout().lock();
            for _ in 0..mib * 256 {
                out.write_all(&block).unwrap();
            }
        }
        Some("copy") => {
            let (from, to) = (&args[2], &args[3]);
            let n = std::fs::copy(from, to).unwrap();
            println!("copied {n} bytes");
        }
        Some("tcp-echo") => tcp_echo(),
        Some("udp-echo") => udp_echo(),
        Some("lookup") => {
            let name = args.get(2).map(String::as_str).unwrap_or("localhost");
            let mut addrs: Vec<String> = std::net::ToSocketAddrs::to_socket_addrs(&(name, 80))
                .map(|it| it.map(|a| a.ip().to_string()).collect())
                .unwrap_or_else(|e| vec![format!("error {:?}", e.kind())]);
            addrs.sort();
            addrs.dedup();
            println!("{name}: {}", addrs.join(" "));
        }
        Some("connect") => {
            let addr = args.get(2).map(String::as_str).unwrap_or("192.0.2.1:80");
            match std::net::TcpStream::connect(addr) {
                Ok(_) => println!("connected to {addr}"),
                Err(e) => println!("connect to {addr}: {:?}", e.kind()),
            }
        }
        Some("times") => {
            // set-times through a descriptor, read back through stat.
            let dir = args.get(2).map(String::as_str).unwrap_or(".");
            let path = format!("{dir}/stamped.txt");
            let file = std::fs::File::create(&path).unwrap();
            let at = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
            file.set_modified(at).unwrap();
            drop(file);
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            println!("modified: {}", modified.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
            std::fs::remove_file(&path).unwrap();
        }
        Some("files") => files(args.get(2).map(String::as_str).unwrap_or(".")),
        Some("escape") => escape(args.get(2).map(String::as_str).unwrap_or(".")),
        Some("trap") => {
            // Rust's panic on wasm32-wasip2 aborts: a trap the host must report.
            let v: Vec<u8> = Vec::new();
            let i = args.len() + 10;
            println!("{}", v[i]);
        }
        other => {
            eprintln!("unknown command {other:?}; try args, env, cat, big, clocks, random, exit N, fail, spew MIB, copy FROM TO, tcp-echo, udp-echo, lookup NAME, connect ADDR, times DIR, files DIR, escape DIR, trap");
            std::process::exit(2);
        }
    }
}

/// Creates, writes, appends, reads, renames, lists, stats, links and removes inside `dir`.
fn files(dir: &str) {
    use std::fs;
    let path = |name: &str| format!("{dir}/{name}");
    fs::write(path("a.txt"), "hello").unwrap();
    let mut f = fs::OpenOptions::new().append(true).open(path("a.txt")).unwrap();
    f.write_all(b", world").unwrap();
    drop(f);
    println!("read: {}", fs::read_to_string(path("a.txt")).unwrap());
    fs::rename(path("a.txt"), path("b.txt")).unwrap();
    println!("renamed: a.txt exists {}, b.txt exists {}", fs::metadata(path("a.txt")).is_ok(), fs::metadata(path("b.txt")).is_ok());
    fs::create_dir(path("sub")).unwrap();
    fs::write(path("sub/inner.txt"), [1u8, 2, 3]).unwrap();
    symlink(dir, "b.txt", "link");
    let mut names: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("listing: {}", names.join(" "));
    let meta = fs::metadata(path("b.txt")).unwrap();
    println!("b.txt: {} bytes, file {}, dir {}", meta.len(), meta.is_file(), meta.is_dir());
    println!("sub is dir: {}", fs::metadata(path("sub")).unwrap().is_dir());
    println!("through link: {}", fs::read_to_string(path("link")).unwrap());
    println!("link target: {}", fs::read_link(path("link")).unwrap().display());
    fs::remove_file(path("link")).unwrap();
    fs::remove_file(path("sub/inner.txt")).unwrap();
    fs::remove_dir(path("sub")).unwrap();
    fs::remove_file(path("b.txt")).unwrap();
    let left = fs::read_dir(dir).unwrap().count();
    println!("left: {left}");
}

/// Tries to leave `dir` by `..`, an absolute path, and a symlink; each must fail.
fn escape(dir: &str) {
    use std::fs;
    let dotdot = fs::read_to_string(format!("{dir}/../outside.txt"));
    println!("dotdot: {}", dotdot.map(|_| "read".to_string()).unwrap_or_else(|e| format!("{:?}", e.kind())));
    let absolute = fs::read_to_string("/etc/hostname");
    println!("absolute: {}", absolute.map(|_| "read".to_string()).unwrap_or_else(|e| format!("{:?}", e.kind())));
    symlink(dir, "../outside.txt", "out");
    let through = fs::read_to_string(format!("{dir}/out"));
    println!("symlink out: {}", through.map(|_| "read".to_string()).unwrap_or_else(|e| format!("{:?}", e.kind())));
    fs::remove_file(format!("{dir}/out")).unwrap();
}

/// Makes `link` (relative to the preopen `dir`) point at `target`, through wasi:filesystem.
fn symlink(dir: &str, target: &str, link: &str) {
    let (descriptor, _) = wasip2::filesystem::preopens::get_directories()
        .into_iter()
        .find(|(_, name)| name == dir)
        .expect("the directory is a preopen");
    descriptor.symlink_at(target, link).expect("symlink");
}

/// A TCP echo server and client on loopback, in one program: bind, listen, connect, accept,
/// send, echo back.
fn tcp_echo() {
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut client = TcpStream::connect(addr).unwrap();
    let (mut server, peer) = listener.accept().unwrap();
    println!("accepted from loopback: {}", peer.ip().is_loopback());
    client.write_all(b"ping over tcp").unwrap();
    let mut buf = [0u8; 13];
    server.read_exact(&mut buf).unwrap();
    server.write_all(&buf.to_ascii_uppercase()).unwrap();
    let mut back = [0u8; 13];
    client.read_exact(&mut back).unwrap();
    println!("echoed: {}", String::from_utf8_lossy(&back));
    drop(client);
    let mut rest = Vec::new();
    server.read_to_end(&mut rest).unwrap();
    println!("server saw the close: {}", rest.is_empty());
}

/// Two UDP sockets on loopback trading datagrams.
fn udp_echo() {
    use std::net::UdpSocket;
    let a = UdpSocket::bind("127.0.0.1:0").unwrap();
    let b = UdpSocket::bind("127.0.0.1:0").unwrap();
    a.send_to(b"ping over udp", b.local_addr().unwrap()).unwrap();
    let mut buf = [0u8; 64];
    let (n, from) = b.recv_from(&mut buf).unwrap();
    println!("b got {:?} from a: {}", String::from_utf8_lossy(&buf[..n]), from == a.local_addr().unwrap());
    b.send_to(&buf[..n].to_ascii_uppercase(), from).unwrap();
    let (n, _) = a.recv_from(&mut buf).unwrap();
    println!("a got {:?}", String::from_utf8_lossy(&buf[..n]));
}
