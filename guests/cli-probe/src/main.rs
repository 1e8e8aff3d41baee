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
        Some("trap") => {
            // Rust's panic on wasm32-wasip2 aborts: a trap the host must report.
            let v: Vec<u8> = Vec::new();
            let i = args.len() + 10;
            println!("{}", v[i]);
        }
        other => {
            eprintln!("unknown command {other:?}; try args, env, cat, big, clocks, random, exit N, fail, trap");
            std::process::exit(2);
        }
    }
}
