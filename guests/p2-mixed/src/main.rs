//! p2-mixed: a WASI command built for wasm32-wasip2 that also calls preview1: getrandom 0.2
//! fills a buffer through wasi_snapshot_preview1::random_get (only whether it succeeded is
//! printed, so the output stays deterministic).
//!
//! `p1-probe [ARG]... [upper IN OUT] [exit N]` prints its arguments, the value of GREETING and
//! the length of all of stdin; `upper IN OUT` reads IN and writes OUT in ASCII upper case;
//! `exit N` ends the program with status N. It writes one line to stderr.

use std::io::{Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "argc: {}", args.len()).unwrap();
    for (i, arg) in args.iter().enumerate().skip(1) {
        writeln!(out, "arg[{i}]: {arg}").unwrap();
    }
    match std::env::var("GREETING") {
        Ok(value) => writeln!(out, "GREETING: {value}").unwrap(),
        Err(_) => writeln!(out, "GREETING: (unset)").unwrap(),
    }
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).unwrap();
    writeln!(out, "stdin: {} bytes", input.len()).unwrap();
    let mut random = [0u8; 16];
    match getrandom::getrandom(&mut random) {
        Ok(()) => writeln!(out, "random: {} bytes from random_get", random.len()).unwrap(),
        Err(e) => writeln!(out, "random: error {e}").unwrap(),
    }

    let mut status = 0;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "upper" => {
                let (Some(src), Some(dst)) = (rest.next(), rest.next()) else { break };
                match std::fs::read(src) {
                    Ok(text) => {
                        std::fs::write(dst, text.to_ascii_uppercase()).unwrap();
                        writeln!(out, "wrote {dst}: {} bytes", text.len()).unwrap();
                    }
                    Err(e) => {
                        eprintln!("{src}: {e}");
                        status = 1;
                    }
                }
            }
            "exit" => status = rest.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => {}
        }
    }
    out.flush().unwrap();
    eprintln!("p2-mixed: done, exit {status}");
    std::process::exit(status);
}
