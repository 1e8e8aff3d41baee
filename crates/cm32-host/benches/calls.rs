//! Host call costs through cm32-host, each next to a raw wasmi host call doing the same work in
//! the same run, and a 1 MiB list next to memcpy.
//!
//! Imports: the guest export `loop-X(n)` calls import `X` n times; one iteration is n = 1000
//! calls. Exports: one iteration is one call from the host.

use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::{Linker, Val, WasmiEngine, World};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The world and the guest, shared with `bench/benches/calls.rs` (the wasmtime comparison).
const WIT: &str = include_str!("data/calls.wit");

/// The guest. `m` is the import module; the same body serves the raw wasmi baseline, which
/// links the same core imports directly.
fn guest(m: &str) -> String {
    include_str!("data/calls-guest.wat").replace("MODULE", m)
}

const LOOP: u32 = 1000;
const MIB: usize = 1 << 20;

fn world() -> Arc<World> {
    let loaded = load_world_str("calls.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
    Arc::new(World::new(loaded).unwrap())
}

/// The typed path: a host written with `cm32_host::bindgen!`, as a user would.
mod generated {
    cm32_host::bindgen!({ path: "benches/data/calls.wit", world: "calls" });
}

include!("data/calls-host.rs");

type Typed = (generated::Calls, cm32_host::Instance<u64, WasmiEngine>);

fn typed_instance() -> Typed {
    let mut linker = generated::Calls::linker::<u64, _>();
    generated::Calls::add_to_linker(&mut linker, |n| n).unwrap();
    let wasm = wat::parse_str(guest("cm32p2|bench:calls/host")).unwrap();
    generated::Calls::instantiate(&linker, &WasmiEngine::default(), &wasm, 0).unwrap()
}

/// The dynamic path: host functions over `Val`s.
fn cm32_instance() -> cm32_host::Instance<u64, WasmiEngine> {
    let mut linker = Linker::<u64, _>::new(world());
    linker.define("bench:calls/host#nop", |_, _, _| Ok(())).unwrap();
    linker
        .define("bench:calls/host#three", |_, args, result| {
            let sum = args.iter().map(|a| if let Val::U32(v) = a { *v } else { 0 }).sum();
            *result = Some(Val::U32(sum));
            Ok(())
        })
        .unwrap();
    linker
        .define("bench:calls/host#text", |cx, args, _| {
            if let Val::String(s) = &args[0] {
                *cx.data += s.len() as u64;
            }
            Ok(())
        })
        .unwrap();
    linker
        .define("bench:calls/host#bytes", |cx, args, _| {
            if let Val::List(b) = &args[0] {
                *cx.data += b.len() as u64;
            }
            Ok(())
        })
        .unwrap();
    linker
        .define("bench:calls/host#rec", |_, args, result| {
            let sum = match &args[0] {
                Val::Record(fields) => fields.iter().map(|(_, v)| if let Val::U32(v) = v { *v } else { 0 }).sum(),
                _ => 0,
            };
            *result = Some(Val::U32(sum));
            Ok(())
        })
        .unwrap();
    let wasm = wat::parse_str(guest("cm32p2|bench:calls/host")).unwrap();
    linker.instantiate(&WasmiEngine::default(), &wasm, 0).unwrap()
}

struct Raw {
    store: wasmi::Store<u64>,
    instance: wasmi::Instance,
}

/// The same guest on wasmi with plain typed host functions doing the same work by hand.
fn raw_instance() -> Raw {
    use wasmi::{Caller, Engine, Linker, Module, Store};
    let engine = Engine::default();
    let module = Module::new(&engine, wat::parse_str(guest("env")).unwrap()).unwrap();
    let mut store = Store::new(&engine, 0u64);
    let mut linker = Linker::<u64>::new(&engine);
    let memory_of = |caller: &Caller<'_, u64>| caller.get_export("cm32p2_memory").unwrap().into_memory().unwrap();
    linker.func_wrap("env", "nop", || {}).unwrap();
    linker.func_wrap("env", "three", |a: i32, b: i32, c: i32| a.wrapping_add(b).wrapping_add(c)).unwrap();
    linker
        .func_wrap("env", "text", move |mut caller: Caller<'_, u64>, ptr: i32, len: i32| {
            let memory = memory_of(&caller);
            let bytes = memory.data(&caller)[ptr as usize..(ptr + len) as usize].to_vec();
            let s = String::from_utf8(bytes).unwrap();
            *caller.data_mut() += s.len() as u64;
        })
        .unwrap();
    linker
        .func_wrap("env", "bytes", move |mut caller: Caller<'_, u64>, ptr: i32, len: i32| {
            let memory = memory_of(&caller);
            let bytes = memory.data(&caller)[ptr as usize..(ptr + len) as usize].to_vec();
            *caller.data_mut() += bytes.len() as u64;
        })
        .unwrap();
    linker.func_wrap("env", "rec", |a: i32, b: i32, c: i32, d: i32, e: i32| a + b + c + d + e).unwrap();
    let instance = linker.instantiate_and_start(&mut store, &module).unwrap();
    Raw { store, instance }
}

fn imports(c: &mut Criterion) {
    let mut cm32 = cm32_instance();
    let mut typed = typed_instance();
    let mut raw = raw_instance();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Elements(LOOP as u64));
    for name in ["nop", "three", "text", "rec"] {
        let export = format!("loop-{name}");
        let (calls, instance) = &mut typed;
        type LoopCall =
            fn(&generated::Calls, &mut cm32_host::Instance<u64, WasmiEngine>, u32) -> Result<(), cm32_host::CallError>;
        let run: LoopCall = match name {
            "nop" => generated::Calls::call_loop_nop,
            "three" => generated::Calls::call_loop_three,
            "text" => generated::Calls::call_loop_text,
            _ => generated::Calls::call_loop_rec,
        };
        group.bench_function(BenchmarkId::new("cm32-bindgen-wasmi", name), |b| {
            b.iter(|| run(calls, instance, LOOP).unwrap())
        });
        let func = cm32.func(&export).unwrap();
        group.bench_function(BenchmarkId::new("cm32-val-wasmi", name), |b| {
            b.iter(|| cm32.call_func(func, &[Val::U32(LOOP)]).unwrap())
        });
        let raw_func = raw.instance.get_typed_func::<i32, ()>(&raw.store, &format!("cm32p2||{export}")).unwrap();
        group.bench_function(BenchmarkId::new("raw-wasmi", name), |b| {
            b.iter(|| raw_func.call(&mut raw.store, LOOP as i32).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("import-1MiB-list");
    group.throughput(Throughput::Bytes(MIB as u64));
    let (calls, instance) = &mut typed;
    group.bench_function("cm32-bindgen-wasmi", |b| b.iter(|| calls.call_loop_bytes(instance, 1).unwrap()));
    let func = cm32.func("loop-bytes").unwrap();
    group.bench_function("cm32-val-wasmi", |b| b.iter(|| cm32.call_func(func, &[Val::U32(1)]).unwrap()));
    let raw_func = raw.instance.get_typed_func::<i32, ()>(&raw.store, "cm32p2||loop-bytes").unwrap();
    group.bench_function("raw-wasmi", |b| b.iter(|| raw_func.call(&mut raw.store, 1).unwrap()));
    let src = vec![7u8; MIB];
    group.bench_function("memcpy", |b| b.iter(|| std::hint::black_box(src.to_vec())));
    group.finish();
}

fn exports(c: &mut Criterion) {
    let mut cm32 = cm32_instance();
    let mut typed = typed_instance();
    let mut raw = raw_instance();
    let mut group = c.benchmark_group("export");
    let (calls, instance) = &mut typed;
    group.bench_function(BenchmarkId::new("cm32-bindgen-wasmi", "nop"), |b| {
        b.iter(|| calls.call_nop(instance).unwrap())
    });
    group.bench_function(BenchmarkId::new("cm32-bindgen-wasmi", "three"), |b| {
        b.iter(|| calls.call_three(instance, 1, 2, 3).unwrap())
    });
    group.bench_function(BenchmarkId::new("cm32-bindgen-wasmi", "text"), |b| {
        b.iter(|| calls.call_text(instance, "0123456789abcdef").unwrap())
    });
    let record = generated::bench::calls::host::Five { a: 1, b: 2, c: 3, d: 4, e: 5 };
    group.bench_function(BenchmarkId::new("cm32-bindgen-wasmi", "rec"), |b| {
        b.iter(|| calls.call_rec(instance, record).unwrap())
    });
    let five =
        Val::Record((["a", "b", "c", "d", "e"]).iter().zip(1..).map(|(n, v)| (n.to_string(), Val::U32(v))).collect());
    let text = Val::String("0123456789abcdef".into());
    let cases: [(&str, Vec<Val>); 4] = [
        ("nop", vec![]),
        ("three", vec![Val::U32(1), Val::U32(2), Val::U32(3)]),
        ("text", vec![text]),
        ("rec", vec![five]),
    ];
    for (name, args) in &cases {
        let func = cm32.func(name).unwrap();
        group.bench_function(BenchmarkId::new("cm32-val-wasmi", name), |b| {
            b.iter(|| cm32.call_func(func, args).unwrap())
        });
    }
    let nop = raw.instance.get_typed_func::<(), ()>(&raw.store, "cm32p2||nop").unwrap();
    group.bench_function(BenchmarkId::new("raw-wasmi", "nop"), |b| b.iter(|| nop.call(&mut raw.store, ()).unwrap()));
    let three = raw.instance.get_typed_func::<(i32, i32, i32), i32>(&raw.store, "cm32p2||three").unwrap();
    group.bench_function(BenchmarkId::new("raw-wasmi", "three"), |b| {
        b.iter(|| three.call(&mut raw.store, (1, 2, 3)).unwrap())
    });
    let realloc = raw.instance.get_typed_func::<(i32, i32, i32, i32), i32>(&raw.store, "cm32p2_realloc").unwrap();
    let text_fn = raw.instance.get_typed_func::<(i32, i32), ()>(&raw.store, "cm32p2||text").unwrap();
    let memory = raw.instance.get_memory(&raw.store, "cm32p2_memory").unwrap();
    group.bench_function(BenchmarkId::new("raw-wasmi", "text"), |b| {
        b.iter(|| {
            let s = "0123456789abcdef";
            let ptr = realloc.call(&mut raw.store, (0, 0, 1, s.len() as i32)).unwrap();
            memory.data_mut(&mut raw.store)[ptr as usize..ptr as usize + s.len()].copy_from_slice(s.as_bytes());
            text_fn.call(&mut raw.store, (ptr, s.len() as i32)).unwrap()
        })
    });
    let rec = raw.instance.get_typed_func::<(i32, i32, i32, i32, i32), i32>(&raw.store, "cm32p2||rec").unwrap();
    group.bench_function(BenchmarkId::new("raw-wasmi", "rec"), |b| {
        b.iter(|| rec.call(&mut raw.store, (1, 2, 3, 4, 5)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("export-1MiB-list");
    group.throughput(Throughput::Bytes(MIB as u64));
    let (calls, instance) = &mut typed;
    let payload = vec![7u8; MIB];
    group.bench_function("cm32-bindgen-wasmi", |b| b.iter(|| calls.call_bytes(instance, &payload).unwrap()));
    let list = vec![Val::List(vec![Val::U8(7); MIB])];
    let func = cm32.func("bytes").unwrap();
    group.bench_function("cm32-val-wasmi", |b| b.iter(|| cm32.call_func(func, &list).unwrap()));
    let bytes_fn = raw.instance.get_typed_func::<(i32, i32), i32>(&raw.store, "cm32p2||bytes").unwrap();
    let src = vec![7u8; MIB];
    group.bench_function("raw-wasmi", |b| {
        b.iter(|| {
            let ptr = realloc.call(&mut raw.store, (0, 0, 1, MIB as i32)).unwrap();
            memory.data_mut(&mut raw.store)[ptr as usize..ptr as usize + MIB].copy_from_slice(&src);
            bytes_fn.call(&mut raw.store, (ptr, MIB as i32)).unwrap()
        })
    });
    group.bench_function("memcpy", |b| b.iter(|| std::hint::black_box(src.to_vec())));
    group.finish();
}

criterion_group!(benches, imports, exports);
criterion_main!(benches);
