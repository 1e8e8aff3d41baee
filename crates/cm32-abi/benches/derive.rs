//! Deriving the targets of `wasi:cli/command` and `wasi:http/proxy`, next to the nearest peer in
//! the same run: wit-component's `dummy_module`, which walks the same world with the same
//! wit-parser calls to print (and parse) a module.

use std::path::Path;

use cm32_abi::{Mangling, WitOptions, derive_target, load_world};
use criterion::{Criterion, criterion_group, criterion_main};
use wit_parser::{LiftLowerAbi, ManglingAndAbi};

fn corpus(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance/target").join(name)
}

fn derive(c: &mut Criterion) {
    for (label, file) in [("wasi-cli-command", "wasi-cli-command.wit"), ("wasi-http-proxy", "wasi-http-proxy.wit")] {
        let path = corpus(file);
        c.bench_function(&format!("load/{label}"), |b| {
            b.iter(|| load_world(&path, None, &WitOptions::default()).unwrap())
        });
        let loaded = load_world(&path, None, &WitOptions::default()).unwrap();
        for (mangling, theirs) in [
            (Mangling::Standard, ManglingAndAbi::Standard32),
            (Mangling::Legacy, ManglingAndAbi::Legacy(LiftLowerAbi::Sync)),
        ] {
            c.bench_function(&format!("derive/{label}/{mangling}"), |b| {
                b.iter(|| derive_target(&loaded.resolve, loaded.world, mangling).unwrap())
            });
            c.bench_function(&format!("peer-dummy-module/{label}/{mangling}"), |b| {
                b.iter(|| wit_component::dummy_module(&loaded.resolve, loaded.world, theirs))
            });
        }
    }
}

criterion_group!(benches, derive);
criterion_main!(benches);
