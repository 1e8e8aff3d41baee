//! Host calls through cm32-host on wasmtime's core API (a host written with `bindgen!`), next to the same calls through raw
//! wasmtime core host functions and through wasmtime's component model (typed and `Val`, with
//! concurrency support off and at its default), all in one process and one run. The guest is one
//! core module in cm32p2 names; for the component model it is wrapped by wit-component.
//!
//! Imports: the guest's `loop-X(n)` calls import `X` n = 1000 times. Exports: one call each.

use cm32_host::WasmtimeEngine;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wasmtime::component::{Component, ComponentType, Lift, Lower, Val};
use wasmtime::{Config, Engine, Store};

/// The world and the guest of cm32-host's own call benchmarks.
const WIT: &str = include_str!("../../crates/cm32-host/benches/data/calls.wit");

fn guest(m: &str) -> String {
    include_str!("../../crates/cm32-host/benches/data/calls-guest.wat").replace("MODULE", m)
}

const LOOP: u32 = 1000;

/// The host, written with `cm32_host::bindgen!` as a user would (the world's own WIT).
mod generated {
    cm32_host::bindgen!({ path: "../crates/cm32-host/benches/data/calls.wit", world: "calls" });
}

include!("../../crates/cm32-host/benches/data/calls-host.rs");

fn cm32_on_wasmtime() -> (generated::Calls, cm32_host::Instance<u64, WasmtimeEngine>) {
    let mut linker = generated::Calls::linker::<u64, _>();
    generated::Calls::add_to_linker(&mut linker, |n| n).unwrap();
    let wasm = wat::parse_str(guest("cm32p2|bench:calls/host")).unwrap();
    generated::Calls::instantiate(&linker, &WasmtimeEngine::default(), &wasm, 0).unwrap()
}

struct Raw {
    store: wasmtime::Store<u64>,
    instance: wasmtime::Instance,
}

fn raw_wasmtime() -> Raw {
    let engine = Engine::default();
    let module = wasmtime::Module::new(&engine, wat::parse_str(guest("env")).unwrap()).unwrap();
    let mut store = Store::new(&engine, 0u64);
    let mut linker = wasmtime::Linker::<u64>::new(&engine);
    linker.func_wrap("env", "nop", || {}).unwrap();
    linker.func_wrap("env", "three", |a: i32, b: i32, c: i32| a.wrapping_add(b).wrapping_add(c)).unwrap();
    for name in ["text", "bytes"] {
        linker
            .func_wrap("env", name, |mut caller: wasmtime::Caller<'_, u64>, ptr: i32, len: i32| {
                let memory = caller.get_export("cm32p2_memory").unwrap().into_memory().unwrap();
                let bytes = memory.data(&caller)[ptr as usize..(ptr + len) as usize].to_vec();
                *caller.data_mut() += bytes.len() as u64;
            })
            .unwrap();
    }
    linker.func_wrap("env", "rec", |a: i32, b: i32, c: i32, d: i32, e: i32| a + b + c + d + e).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    Raw { store, instance }
}

#[derive(ComponentType, Lift, Lower, Clone, Copy)]
#[component(record)]
struct Five {
    a: u32,
    b: u32,
    c: u32,
    d: u32,
    e: u32,
}

/// The same module, wrapped into a component.
fn component_bytes() -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    let pkg = resolve.push_str("calls.wit", WIT).unwrap();
    let world = resolve.select_world(&[pkg], None).unwrap();
    let mut module = wat::parse_str(guest("cm32p2|bench:calls/host")).unwrap();
    wit_component::embed_component_metadata(&mut module, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap();
    wit_component::ComponentEncoder::default().module(&module).unwrap().validate(true).encode().unwrap()
}

struct Cm {
    store: Store<u64>,
    instance: wasmtime::component::Instance,
}

fn wasmtime_cm(bytes: &[u8], concurrency: bool, typed: bool) -> Cm {
    let mut config = Config::new();
    config.concurrency_support(concurrency);
    let engine = Engine::new(&config).unwrap();
    let component = Component::new(&engine, bytes).unwrap();
    let mut linker = wasmtime::component::Linker::<u64>::new(&engine);
    let mut host = linker.instance("bench:calls/host").unwrap();
    if typed {
        host.func_wrap("nop", |_, (): ()| Ok(())).unwrap();
        host.func_wrap("three", |_, (a, b, c): (u32, u32, u32)| Ok((a + b + c,))).unwrap();
        host.func_wrap("text", |mut cx, (s,): (String,)| {
            *cx.data_mut() += s.len() as u64;
            Ok(())
        })
        .unwrap();
        host.func_wrap("bytes", |mut cx, (b,): (Vec<u8>,)| {
            *cx.data_mut() += b.len() as u64;
            Ok(())
        })
        .unwrap();
        host.func_wrap("rec", |_, (r,): (Five,)| Ok((r.a + r.b + r.c + r.d + r.e,))).unwrap();
    } else {
        host.func_new("nop", |_, _, _, _| Ok(())).unwrap();
        host.func_new("three", |_, _, args, results| {
            let sum = args.iter().map(|a| if let Val::U32(v) = a { *v } else { 0 }).sum();
            results[0] = Val::U32(sum);
            Ok(())
        })
        .unwrap();
        host.func_new("text", |mut cx, _, args, _| {
            if let Val::String(s) = &args[0] {
                *cx.data_mut() += s.len() as u64;
            }
            Ok(())
        })
        .unwrap();
        host.func_new("bytes", |mut cx, _, args, _| {
            if let Val::List(b) = &args[0] {
                *cx.data_mut() += b.len() as u64;
            }
            Ok(())
        })
        .unwrap();
        host.func_new("rec", |_, _, args, results| {
            let sum = match &args[0] {
                Val::Record(fields) => fields.iter().map(|(_, v)| if let Val::U32(v) = v { *v } else { 0 }).sum(),
                _ => 0,
            };
            results[0] = Val::U32(sum);
            Ok(())
        })
        .unwrap();
    }
    let mut store = Store::new(&engine, 0u64);
    let instance = linker.instantiate(&mut store, &component).unwrap();
    Cm { store, instance }
}

fn imports(c: &mut Criterion) {
    let bytes = component_bytes();
    let mut cm32 = cm32_on_wasmtime();
    let mut raw = raw_wasmtime();
    let mut group = c.benchmark_group("import-wasmtime");
    group.throughput(Throughput::Elements(LOOP as u64));
    for name in ["nop", "three", "text", "rec"] {
        let export = format!("loop-{name}");
        let (calls, cm32) = &mut cm32;
        type LoopCall = fn(&generated::Calls, &mut cm32_host::Instance<u64, WasmtimeEngine>, u32) -> Result<(), cm32_host::CallError>;
        let run: LoopCall = match name {
            "nop" => generated::Calls::call_loop_nop,
            "three" => generated::Calls::call_loop_three,
            "text" => generated::Calls::call_loop_text,
            _ => generated::Calls::call_loop_rec,
        };
        group.bench_function(BenchmarkId::new("cm32-bindgen", name), |b| {
            b.iter(|| run(calls, cm32, LOOP).unwrap())
        });
        let raw_func = raw.instance.get_typed_func::<i32, ()>(&mut raw.store, &format!("cm32p2||{export}")).unwrap();
        group.bench_function(BenchmarkId::new("raw-core", name), |b| {
            b.iter(|| raw_func.call(&mut raw.store, LOOP as i32).unwrap())
        });
        for (label, concurrency, typed) in [
            ("cm-typed-concurrency-off", false, true),
            ("cm-typed-default", true, true),
            ("cm-val-concurrency-off", false, false),
            ("cm-val-default", true, false),
        ] {
            let mut cm = wasmtime_cm(&bytes, concurrency, typed);
            let func = cm.instance.get_typed_func::<(u32,), ()>(&mut cm.store, &export).unwrap();
            group.bench_function(BenchmarkId::new(label, name), |b| {
                b.iter(|| func.call(&mut cm.store, (LOOP,)).unwrap())
            });
        }
    }
    group.finish();
}

fn exports(c: &mut Criterion) {
    let bytes = component_bytes();
    let mut cm32 = cm32_on_wasmtime();
    let mut raw = raw_wasmtime();
    let mut group = c.benchmark_group("export-wasmtime");
    let (calls, cm32) = &mut cm32;
    group.bench_function(BenchmarkId::new("cm32-bindgen", "nop"), |b| b.iter(|| calls.call_nop(cm32).unwrap()));
    group.bench_function(BenchmarkId::new("cm32-bindgen", "three"), |b| {
        b.iter(|| calls.call_three(cm32, 1, 2, 3).unwrap())
    });
    group.bench_function(BenchmarkId::new("cm32-bindgen", "text"), |b| {
        b.iter(|| calls.call_text(cm32, "0123456789abcdef").unwrap())
    });
    let five = generated::bench::calls::host::Five { a: 1, b: 2, c: 3, d: 4, e: 5 };
    group.bench_function(BenchmarkId::new("cm32-bindgen", "rec"), |b| b.iter(|| calls.call_rec(cm32, five).unwrap()));

    let raw_nop = raw.instance.get_typed_func::<(), ()>(&mut raw.store, "cm32p2||nop").unwrap();
    group.bench_function(BenchmarkId::new("raw-core", "nop"), |b| b.iter(|| raw_nop.call(&mut raw.store, ()).unwrap()));
    let raw_three = raw.instance.get_typed_func::<(i32, i32, i32), i32>(&mut raw.store, "cm32p2||three").unwrap();
    group.bench_function(BenchmarkId::new("raw-core", "three"), |b| {
        b.iter(|| raw_three.call(&mut raw.store, (1, 2, 3)).unwrap())
    });
    let raw_rec = raw.instance.get_typed_func::<(i32, i32, i32, i32, i32), i32>(&mut raw.store, "cm32p2||rec").unwrap();
    group.bench_function(BenchmarkId::new("raw-core", "rec"), |b| {
        b.iter(|| raw_rec.call(&mut raw.store, (1, 2, 3, 4, 5)).unwrap())
    });

    for (label, concurrency) in [("cm-typed-concurrency-off", false), ("cm-typed-default", true)] {
        let mut cm = wasmtime_cm(&bytes, concurrency, true);
        let nop = cm.instance.get_typed_func::<(), ()>(&mut cm.store, "nop").unwrap();
        group.bench_function(BenchmarkId::new(label, "nop"), |b| b.iter(|| nop.call(&mut cm.store, ()).unwrap()));
        let three = cm.instance.get_typed_func::<(u32, u32, u32), (u32,)>(&mut cm.store, "three").unwrap();
        group.bench_function(BenchmarkId::new(label, "three"), |b| {
            b.iter(|| three.call(&mut cm.store, (1, 2, 3)).unwrap())
        });
        let text = cm.instance.get_typed_func::<(&str,), ()>(&mut cm.store, "text").unwrap();
        group.bench_function(BenchmarkId::new(label, "text"), |b| {
            b.iter(|| text.call(&mut cm.store, ("0123456789abcdef",)).unwrap())
        });
        let rec = cm.instance.get_typed_func::<(Five,), (u32,)>(&mut cm.store, "rec").unwrap();
        let five = Five { a: 1, b: 2, c: 3, d: 4, e: 5 };
        group.bench_function(BenchmarkId::new(label, "rec"), |b| b.iter(|| rec.call(&mut cm.store, (five,)).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, imports, exports);
criterion_main!(benches);
