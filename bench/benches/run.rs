//! `cm32 run` on wasmi next to wasmtime + wasmtime-wasi on the same components, in one process
//! and one run:
//! - a hello-world run to exit;
//! - 256 MiB written to stdout (a sink) in 4096-byte writes;
//! - a 64 MiB file copy inside a preopened directory.
//! wasmtime runs in both its configurations: `concurrency_support(false)` and its default.
//!
//! `cd bench && cargo bench` (wasmtime is a long build, so this crate is outside the workspace).

use std::path::PathBuf;
use std::sync::Arc;

use cm32_host::engine::Engine as Cm32Engine;
use cm32_host::{InstancePre, Linker, WasmiEngine, WasmtimeEngine, World};
use cm32_wasi::{DirPerms, FilePerms, WasiCtx, WasiCtxBuilder};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use support::{WtState, guest};
use wasmtime::component::{Component, ResourceTable};
use wasmtime::{Config, Engine, Store};
use wasmtime_wasi::p2::bindings::sync::CommandPre;

mod support;

/// cm32: the component linked and compiled once (`InstancePre`); each run instantiates it and
/// runs it to its exit.
struct Cm32<E: Cm32Engine> {
    pre: InstancePre<WasiCtx, E>,
}

impl<E: Cm32Engine> Cm32<E> {
    fn new(engine: &E, component: &[u8]) -> Cm32<E> {
        let world: Arc<World> = cm32_wasi::command_world().unwrap();
        let mut linker = Linker::new(world);
        cm32_wasi::add_to_linker(&mut linker).unwrap();
        Cm32 { pre: linker.instantiate_pre(engine, component).unwrap() }
    }

    fn run(&self, wasi: WasiCtxBuilder) {
        let mut instance = self.pre.instantiate(wasi.build()).unwrap();
        let run = instance.typed_func::<(), Result<(), ()>>("wasi:cli/run#run").unwrap();
        run.call(&mut instance, ()).unwrap().unwrap();
    }
}

/// wasmtime: the component compiled once; each run instantiates and runs it.
struct Wasmtime {
    engine: Engine,
    pre: CommandPre<WtState>,
}

impl Wasmtime {
    fn new(component: &[u8], concurrency: bool) -> Wasmtime {
        let mut config = Config::new();
        config.concurrency_support(concurrency);
        let engine = Engine::new(&config).unwrap();
        let component = Component::new(&engine, component).unwrap();
        let mut linker = wasmtime::component::Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
        let pre = CommandPre::new(linker.instantiate_pre(&component).unwrap()).unwrap();
        Wasmtime { engine, pre }
    }

    fn run(&self, build: impl FnOnce(&mut wasmtime_wasi::WasiCtxBuilder)) {
        let mut builder = wasmtime_wasi::WasiCtx::builder();
        build(&mut builder);
        let mut store = Store::new(&self.engine, WtState { ctx: builder.build(), table: ResourceTable::new() });
        let command = self.pre.instantiate(&mut store).unwrap();
        command.wasi_cli_run().call_run(&mut store).unwrap().unwrap();
    }
}

fn peers(component: &[u8]) -> [(&'static str, Wasmtime); 2] {
    [("wasmtime-cm", Wasmtime::new(component, false)), ("wasmtime-cm-default", Wasmtime::new(component, true))]
}

fn hello(c: &mut Criterion) {
    let component = guest("hello.wasm");
    let wasi = || WasiCtxBuilder::default().args(["hello.wasm"]).stdout(std::io::sink());
    let cm32_wasmi = Cm32::new(&WasmiEngine::default(), &component);
    let cm32_wasmtime = Cm32::new(&WasmtimeEngine::default(), &component);
    let mut group = c.benchmark_group("hello-world");
    group.bench_function("cm32-wasmi", |b| b.iter(|| cm32_wasmi.run(wasi())));
    group.bench_function("cm32-wasmtime", |b| b.iter(|| cm32_wasmtime.run(wasi())));
    for (name, wt) in peers(&component) {
        group.bench_function(name, |b| {
            b.iter(|| {
                wt.run(|w| {
                    w.args(&["hello.wasm"]).stdout(wasmtime_wasi::p2::pipe::SinkOutputStream);
                })
            })
        });
    }
    group.finish();

    // From the component's bytes: load the world, link, compile (wasmtime with Cranelift), run.
    let mut group = c.benchmark_group("hello-world-from-bytes");
    group.sample_size(10);
    group.bench_function("cm32-wasmi", |b| b.iter(|| Cm32::new(&WasmiEngine::default(), &component).run(wasi())));
    for (name, concurrency) in [("wasmtime-cm", false), ("wasmtime-cm-default", true)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                Wasmtime::new(&component, concurrency).run(|w| {
                    w.args(&["hello.wasm"]).stdout(wasmtime_wasi::p2::pipe::SinkOutputStream);
                })
            })
        });
    }
    group.finish();
}

const SPEW_MIB: u64 = 256;

fn stdout_throughput(c: &mut Criterion) {
    let component = guest("cli-probe.wasm");
    let mib = SPEW_MIB.to_string();
    let wasi = || WasiCtxBuilder::default().args(["p", "spew", &mib]).stdout(std::io::sink());
    let cm32_wasmi = Cm32::new(&WasmiEngine::default(), &component);
    let cm32_wasmtime = Cm32::new(&WasmtimeEngine::default(), &component);
    let mut group = c.benchmark_group("stdout-256MiB");
    group.sample_size(10).throughput(Throughput::Bytes(SPEW_MIB << 20));
    group.bench_function("cm32-wasmi", |b| b.iter(|| cm32_wasmi.run(wasi())));
    group.bench_function("cm32-wasmtime", |b| b.iter(|| cm32_wasmtime.run(wasi())));
    for (name, wt) in peers(&component) {
        group.bench_function(name, |b| {
            b.iter(|| {
                wt.run(|w| {
                    w.args(&["p", "spew", &mib]).stdout(wasmtime_wasi::p2::pipe::SinkOutputStream);
                })
            })
        });
    }
    group.finish();
}

const COPY_MIB: usize = 64;

fn file_copy(c: &mut Criterion) {
    let component = guest("cli-probe.wasm");
    let cm32 = Cm32::new(&WasmiEngine::default(), &component);
    let dir = tempfile::tempdir().unwrap();
    let data: Vec<u8> = (0..COPY_MIB << 20).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(dir.path().join("in.bin"), &data).unwrap();
    let host: PathBuf = dir.path().to_path_buf();
    let args = ["p", "copy", "/w/in.bin", "/w/out.bin"];
    // Both copy exactly, before anything is timed.
    cm32.run(
        WasiCtxBuilder::default().args(args).preopened_dir(&host, "/w", DirPerms::all(), FilePerms::all()).unwrap(),
    );
    assert_eq!(std::fs::read(dir.path().join("out.bin")).unwrap(), data, "cm32's copy is exact");
    std::fs::remove_file(dir.path().join("out.bin")).unwrap();
    Wasmtime::new(&component, false).run(|w| {
        w.args(&args).preopened_dir(&host, "/w", wasmtime_wasi::FsPerms::ReadWrite).unwrap();
    });
    assert_eq!(std::fs::read(dir.path().join("out.bin")).unwrap(), data, "wasmtime's copy is exact");
    let mut group = c.benchmark_group("file-copy-64MiB");
    group.sample_size(10).throughput(Throughput::Bytes((COPY_MIB as u64) << 20));
    group.bench_function("cm32-wasmi", |b| {
        b.iter(|| {
            cm32.run(
                WasiCtxBuilder::default()
                    .args(args)
                    .preopened_dir(&host, "/w", DirPerms::all(), FilePerms::all())
                    .unwrap(),
            )
        })
    });
    for (name, wt) in peers(&component) {
        group.bench_function(name, |b| {
            b.iter(|| {
                wt.run(|w| {
                    w.args(&args).preopened_dir(&host, "/w", wasmtime_wasi::FsPerms::ReadWrite).unwrap();
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, hello, stdout_throughput, file_copy);
criterion_main!(benches);
