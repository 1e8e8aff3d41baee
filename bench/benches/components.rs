//! Whole components, in one process and one run with their peers:
//! - instantiation of each fixture of `guests/` from its bytes (validate, compile, link,
//!   instantiate, with WASI linked): cm32 on wasmi next to wasmtime's Component Model in both its
//!   configurations (`concurrency_support(false)` and its default), which compiles with Cranelift;
//!   and wasmtime instantiating a component it compiled before (`InstancePre`), for scale;
//! - a call from one component instance into another (`data/cross.wat`: component A calls
//!   component B's `nop`, `three(u32, u32, u32) -> u32` and `text(string) -> u32` 1000 times in a
//!   loop), reported per call: cm32 on wasmi and on wasmtime's core API, wasmtime's Component
//!   Model in both configurations, the raw core call from one core instance into another on
//!   each engine, and the same call made through a host function that calls into the other
//!   instance (the engine round trip a fused call costs on a core engine, without the ABI).
//!
//! `cd bench && cargo bench --bench components`.

use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::Engine as Cm32Engine;
use cm32_host::{Linker, WasmiEngine, WasmtimeEngine, World};
use cm32_wasi::WasiCtxBuilder;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use support::{WtState, guest};
use wasmtime::component::{Component, ResourceTable};
use wasmtime::{Config, Engine, Store};

mod support;

fn wasmtime_engine(concurrency: bool) -> Engine {
    let mut config = Config::new();
    config.concurrency_support(concurrency);
    Engine::new(&config).unwrap()
}

fn wasmtime_store(engine: &Engine) -> Store<WtState> {
    Store::new(engine, WtState { ctx: wasmtime_wasi::WasiCtx::builder().build(), table: ResourceTable::new() })
}

const FIXTURES: [&str; 6] = ["c-probe", "p1-probe", "p2-mixed", "composed", "py-probe", "js-probe"];

fn instantiation(c: &mut Criterion) {
    let world = cm32_wasi::command_world().unwrap();
    let mut linker = Linker::new(world);
    cm32_wasi::add_to_linker(&mut linker).unwrap();
    for fixture in FIXTURES {
        let bytes = guest(&format!("{fixture}.wasm"));
        let mut group = c.benchmark_group(format!("instantiate-{fixture}"));
        // Python and JavaScript are 14 to 18 MB: Cranelift takes seconds on them.
        group.sample_size(10);
        group.bench_function("cm32-wasmi", |b| {
            b.iter(|| linker.instantiate_component(&WasmiEngine::default(), &bytes, WasiCtxBuilder::default().build()))
        });
        // Linked and compiled once: what each further instance costs.
        let pre = linker.instantiate_pre(&WasmiEngine::default(), &bytes).unwrap();
        group.bench_function("cm32-wasmi-compiled", |b| {
            b.iter(|| pre.instantiate(WasiCtxBuilder::default().build()).unwrap())
        });
        let pre = linker.instantiate_pre(&WasmtimeEngine::default(), &bytes).unwrap();
        group.bench_function("cm32-wasmtime-compiled", |b| {
            b.iter(|| pre.instantiate(WasiCtxBuilder::default().build()).unwrap())
        });
        for (name, concurrency) in [("wasmtime-cm", false), ("wasmtime-cm-default", true)] {
            let engine = wasmtime_engine(concurrency);
            let mut wt_linker = wasmtime::component::Linker::new(&engine);
            wasmtime_wasi::p2::add_to_linker_sync(&mut wt_linker).unwrap();
            group.bench_function(format!("{name}-from-bytes"), |b| {
                b.iter(|| {
                    let component = Component::new(&engine, &bytes).unwrap();
                    wt_linker.instantiate(&mut wasmtime_store(&engine), &component).unwrap();
                })
            });
            let pre = wt_linker.instantiate_pre(&Component::new(&engine, &bytes).unwrap()).unwrap();
            group.bench_function(format!("{name}-compiled"), |b| {
                b.iter(|| pre.instantiate(&mut wasmtime_store(&engine)).unwrap())
            });
        }
        group.finish();
    }
}

const LOOP: u32 = 1000;
const CROSS_WAT: &str = include_str!("data/cross.wat");
const CROSS_WIT: &str = "package bench:cross;
world w {
  export loop-nop: func(n: u32);
  export loop-three: func(n: u32);
  export loop-text: func(n: u32);
}";
const CALLS: [&str; 3] = ["nop", "three", "text"];

fn cm32_cross<E: Cm32Engine>(engine: &E) -> cm32_host::Instance<(), E> {
    let loaded = load_world_str("cross.wit".as_ref(), CROSS_WIT, None, &WitOptions::default()).unwrap();
    let linker = Linker::<(), _>::new(Arc::new(World::new(loaded).unwrap()));
    linker.instantiate_component(engine, &wat::parse_str(CROSS_WAT).unwrap(), ()).unwrap()
}

/// Core module A calls core module B's functions through its imports: what a core engine charges
/// for a call between two instances, with no ABI.
const RAW_WAT: (&str, &str) = (
    r#"(module
  (memory (export "memory") 1)
  (func (export "nop"))
  (func (export "three") (param i32 i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "text") (param i32 i32) (result i32) (local.get 1)))"#,
    r#"(module
  (import "b" "nop" (func $nop))
  (import "b" "three" (func $three (param i32 i32 i32) (result i32)))
  (import "b" "text" (func $text (param i32 i32) (result i32)))
  (func (export "loop-nop") (param $n i32)
    (loop $l (call $nop) (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "loop-three") (param $n i32)
    (loop $l (drop (call $three (i32.const 1) (i32.const 2) (i32.const 3)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "loop-text") (param $n i32)
    (loop $l (drop (call $text (i32.const 16) (i32.const 16)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))"#,
);

fn raw_wasmtime() -> (Store<()>, wasmtime::Instance) {
    let engine = Engine::default();
    let mut store = Store::new(&engine, ());
    let b = wasmtime::Module::new(&engine, RAW_WAT.0).unwrap();
    let b = wasmtime::Instance::new(&mut store, &b, &[]).unwrap();
    let a = wasmtime::Module::new(&engine, RAW_WAT.1).unwrap();
    let imports: Vec<wasmtime::Extern> = CALLS.iter().map(|n| b.get_func(&mut store, n).unwrap().into()).collect();
    let a = wasmtime::Instance::new(&mut store, &a, &imports).unwrap();
    (store, a)
}

/// The same, but A's imports are host functions that call into B (typed, as a hand-written
/// embedding would): the round trip out of the engine and back in that every fused call on a
/// core engine makes, with no ABI work.
fn through_host_wasmtime() -> (Store<Option<wasmtime::Instance>>, wasmtime::Instance) {
    let engine = Engine::default();
    let mut store = Store::new(&engine, None);
    let b = wasmtime::Module::new(&engine, RAW_WAT.0).unwrap();
    let b = wasmtime::Instance::new(&mut store, &b, &[]).unwrap();
    *store.data_mut() = Some(b);
    let nop = b.get_typed_func::<(), ()>(&mut store, "nop").unwrap();
    let three = b.get_typed_func::<(i32, i32, i32), i32>(&mut store, "three").unwrap();
    let text = b.get_typed_func::<(i32, i32), i32>(&mut store, "text").unwrap();
    let mut linker = wasmtime::Linker::new(&engine);
    linker.func_wrap("b", "nop", move |mut cx: wasmtime::Caller<'_, _>| nop.call(&mut cx, ())).unwrap();
    linker
        .func_wrap("b", "three", move |mut cx: wasmtime::Caller<'_, _>, x: i32, y: i32, z: i32| {
            three.call(&mut cx, (x, y, z))
        })
        .unwrap();
    linker
        .func_wrap("b", "text", move |mut cx: wasmtime::Caller<'_, _>, p: i32, n: i32| text.call(&mut cx, (p, n)))
        .unwrap();
    let a = wasmtime::Module::new(&engine, RAW_WAT.1).unwrap();
    let a = linker.instantiate(&mut store, &a).unwrap();
    (store, a)
}

fn through_host_wasmi() -> (wasmi::Store<()>, wasmi::Instance) {
    let engine = wasmi::Engine::default();
    let mut store = wasmi::Store::new(&engine, ());
    let module = |wat: &str| wasmi::Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let b = wasmi::Linker::<()>::new(&engine).instantiate_and_start(&mut store, &module(RAW_WAT.0)).unwrap();
    let nop = b.get_typed_func::<(), ()>(&store, "nop").unwrap();
    let three = b.get_typed_func::<(i32, i32, i32), i32>(&store, "three").unwrap();
    let text = b.get_typed_func::<(i32, i32), i32>(&store, "text").unwrap();
    let mut linker = wasmi::Linker::<()>::new(&engine);
    linker.func_wrap("b", "nop", move |mut cx: wasmi::Caller<'_, ()>| nop.call(&mut cx, ())).unwrap();
    linker
        .func_wrap("b", "three", move |mut cx: wasmi::Caller<'_, ()>, x: i32, y: i32, z: i32| {
            three.call(&mut cx, (x, y, z))
        })
        .unwrap();
    linker
        .func_wrap("b", "text", move |mut cx: wasmi::Caller<'_, ()>, p: i32, n: i32| text.call(&mut cx, (p, n)))
        .unwrap();
    let a = linker.instantiate_and_start(&mut store, &module(RAW_WAT.1)).unwrap();
    (store, a)
}

fn raw_wasmi() -> (wasmi::Store<()>, wasmi::Instance) {
    let engine = wasmi::Engine::default();
    let mut store = wasmi::Store::new(&engine, ());
    let module = |wat: &str| wasmi::Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let linker = wasmi::Linker::<()>::new(&engine);
    let b = linker.instantiate_and_start(&mut store, &module(RAW_WAT.0)).unwrap();
    let mut linker = wasmi::Linker::<()>::new(&engine);
    for name in CALLS {
        linker.define("b", name, b.get_func(&store, name).unwrap()).unwrap();
    }
    let a = linker.instantiate_and_start(&mut store, &module(RAW_WAT.1)).unwrap();
    (store, a)
}

fn cross_component_calls(c: &mut Criterion) {
    let mut wasmi_cm32 = cm32_cross(&WasmiEngine::default());
    let mut wasmtime_cm32 = cm32_cross(&WasmtimeEngine::default());
    let (mut wt_store, wt_raw) = raw_wasmtime();
    let (mut wasmi_store, wasmi_raw) = raw_wasmi();
    let (mut wt_host_store, wt_host) = through_host_wasmtime();
    let (mut wasmi_host_store, wasmi_host) = through_host_wasmi();
    let component = wat::parse_str(CROSS_WAT).unwrap();
    let mut group = c.benchmark_group("cross-component");
    group.throughput(Throughput::Elements(LOOP as u64));
    for call in CALLS {
        let export = format!("loop-{call}");
        let f = wasmi_cm32.typed_func::<(u32,), ()>(&export).unwrap();
        group.bench_function(BenchmarkId::new("cm32-wasmi", call), |b| {
            b.iter(|| f.call(&mut wasmi_cm32, (LOOP,)).unwrap())
        });
        let f = wasmtime_cm32.typed_func::<(u32,), ()>(&export).unwrap();
        group.bench_function(BenchmarkId::new("cm32-wasmtime", call), |b| {
            b.iter(|| f.call(&mut wasmtime_cm32, (LOOP,)).unwrap())
        });
        let f = wt_raw.get_typed_func::<i32, ()>(&mut wt_store, &export).unwrap();
        group.bench_function(BenchmarkId::new("raw-core-wasmtime", call), |b| {
            b.iter(|| f.call(&mut wt_store, LOOP as i32).unwrap())
        });
        let f = wasmi_raw.get_typed_func::<i32, ()>(&wasmi_store, &export).unwrap();
        group.bench_function(BenchmarkId::new("raw-core-wasmi", call), |b| {
            b.iter(|| f.call(&mut wasmi_store, LOOP as i32).unwrap())
        });
        let f = wt_host.get_typed_func::<i32, ()>(&mut wt_host_store, &export).unwrap();
        group.bench_function(BenchmarkId::new("through-host-wasmtime", call), |b| {
            b.iter(|| f.call(&mut wt_host_store, LOOP as i32).unwrap())
        });
        let f = wasmi_host.get_typed_func::<i32, ()>(&wasmi_host_store, &export).unwrap();
        group.bench_function(BenchmarkId::new("through-host-wasmi", call), |b| {
            b.iter(|| f.call(&mut wasmi_host_store, LOOP as i32).unwrap())
        });
        for (name, concurrency) in [("wasmtime-cm", false), ("wasmtime-cm-default", true)] {
            let engine = wasmtime_engine(concurrency);
            let compiled = Component::new(&engine, &component).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = wasmtime::component::Linker::new(&engine).instantiate(&mut store, &compiled).unwrap();
            let f = instance.get_typed_func::<(u32,), ()>(&mut store, &export).unwrap();
            group.bench_function(BenchmarkId::new(name, call), |b| b.iter(|| f.call(&mut store, (LOOP,)).unwrap()));
        }
    }
    group.finish();
}

criterion_group!(benches, cross_component_calls, instantiation);
criterion_main!(benches);
