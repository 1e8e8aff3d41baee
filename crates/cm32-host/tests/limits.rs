//! Limits an embedder sets: fuel, a deadline, memory and table sizes, live handles. Passing one
//! traps with its class, poisons the instance, and leaves the host (and other instances) going.

use std::sync::Arc;
use std::time::{Duration, Instant};

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::{Engine, InstantiateError};
use cm32_host::{CallError, EngineOptions, Instance, Limits, LinkError, Linker, TrapClass, Val, WasmiEngine, World};

const WIT: &str = "package cm32:limits;
interface things {
  resource thing;
  make: func(n: u32) -> u32;
}
world w {
  export things;
  export spin: func();
  export count: func(n: u32) -> u32;
  export grow: func(pages: u32) -> s32;
  export grow-table: func(n: u32) -> s32;
}";

/// `count` loops `n` times; `make` makes `n` things and keeps their handles; `grow` and
/// `grow-table` grow by what they are given (`MEMORY_PAGES` pages to start with).
fn module(memory_pages: u32) -> Vec<u8> {
    wat::parse_str(format!(
        r#"(module
  (import "cm32p2|_ex_cm32:limits/things" "thing_new" (func $new (param i32) (result i32)))
  (memory (export "cm32p2_memory") {memory_pages})
  (table $t 1 funcref)
  (func (export "cm32p2||spin") (loop $l (br $l)))
  (func (export "cm32p2||count") (param $n i32) (result i32) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $i))
  (func (export "cm32p2||grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "cm32p2||grow-table") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "cm32p2|cm32:limits/things|make") (param $n i32) (result i32) (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (drop (call $new (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $i))
  (func (export "cm32p2|cm32:limits/things|thing_dtor") (param i32)))"#
    ))
    .unwrap()
}

fn linker<E: cm32_host::engine::Engine>(limits: Limits) -> Linker<(), E> {
    let loaded = load_world_str("w.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
    let mut linker = Linker::new(Arc::new(World::new(loaded).unwrap()));
    linker.limits(limits);
    linker
}

fn instance<E: Engine>(engine: &E, limits: Limits) -> Instance<(), E> {
    linker(limits).instantiate(engine, &module(1), ()).unwrap()
}

/// The trap of a call that must trap: its class and message.
fn trap<E: Engine>(instance: &mut Instance<(), E>, func: &str, args: &[Val]) -> (TrapClass, String) {
    match instance.call(func, args) {
        Err(CallError::Trap(trap)) => (trap.class, trap.to_string()),
        other => panic!("{func} should trap, got {other:?}"),
    }
}

/// After a limit's trap: the instance is poisoned, and a new one runs.
fn poisoned_but_the_host_goes_on<E: Engine>(engine: &E, mut instance: Instance<(), E>, limits: Limits) {
    assert!(instance.is_poisoned());
    assert_eq!(trap(&mut instance, "count", &[Val::U32(1)]).0, TrapClass::Poisoned);
    let mut fresh = self::instance(engine, limits);
    assert_eq!(fresh.call("count", &[Val::U32(3)]).unwrap(), Some(Val::U32(3)));
}

fn fuel_runs_out<E: Engine>(engine: &E) {
    let limits = Limits { fuel: Some(1_000_000), ..Limits::default() };
    let mut instance = instance(engine, limits);
    assert_eq!(instance.call("count", &[Val::U32(100)]).unwrap(), Some(Val::U32(100)));
    let left = instance.fuel().unwrap();
    assert!(left < 1_000_000 && left > 990_000, "a loop of 100 used {} fuel", 1_000_000 - left);

    let (class, message) = trap(&mut instance, "spin", &[]);
    assert_eq!(class, TrapClass::Fuel, "{message}");
    assert!(message.contains("the guest used all its fuel (fuel=1000000)"), "{message}");
    // What is left is less than the loop's next block costs.
    assert!(instance.fuel().unwrap() < 10, "{:?} fuel left", instance.fuel());
    poisoned_but_the_host_goes_on(engine, instance, limits);

    // Refilled before it runs out, the same instance goes on.
    let mut instance = self::instance(engine, Limits { fuel: Some(2_000), ..Limits::default() });
    assert_eq!(trap(&mut instance, "count", &[Val::U32(1_000_000)]).0, TrapClass::Fuel);
    let mut instance = self::instance(engine, Limits { fuel: Some(2_000), ..Limits::default() });
    instance.set_fuel(u64::MAX / 2).unwrap();
    assert_eq!(instance.call("count", &[Val::U32(1_000_000)]).unwrap(), Some(Val::U32(1_000_000)));
}

#[test]
fn an_infinite_loop_runs_out_of_fuel_on_wasmi() {
    fuel_runs_out(&WasmiEngine::with_options(EngineOptions { fuel: true, deadline: false }));
}

#[test]
fn fuel_in_slices_runs_out_as_fuel_does_on_wasmi() {
    // With a deadline too, wasmi hands fuel out in slices: the sum is what the embedder gave.
    fuel_runs_out(&WasmiEngine::with_options(EngineOptions { fuel: true, deadline: true }));
    let engine = WasmiEngine::with_options(EngineOptions { fuel: true, deadline: true });
    let limits = Limits { fuel: Some(5_000_000), timeout: Some(Duration::from_secs(600)), ..Limits::default() };
    let mut instance = instance(&engine, limits);
    let (class, message) = trap(&mut instance, "spin", &[]);
    assert_eq!(class, TrapClass::Fuel, "{message}");
    assert!(instance.fuel().unwrap() < 10, "{:?} fuel left", instance.fuel());
}

#[cfg(feature = "wasmtime")]
#[test]
fn an_infinite_loop_runs_out_of_fuel_on_wasmtime() {
    fuel_runs_out(&cm32_host::WasmtimeEngine::with_options(EngineOptions { fuel: true, deadline: false }));
}

fn deadline_passes<E: Engine>(engine: &E) {
    let limits = Limits { timeout: Some(Duration::from_millis(200)), ..Limits::default() };
    let mut instance = instance(engine, limits);
    assert_eq!(instance.call("count", &[Val::U32(1000)]).unwrap(), Some(Val::U32(1000)));
    let start = Instant::now();
    let (class, message) = trap(&mut instance, "spin", &[]);
    assert_eq!(class, TrapClass::Deadline, "{message}");
    assert!(message.contains("the guest ran past its deadline (timeout=200ms)"), "{message}");
    // Not a measure of speed: only that the loop ended, where without a deadline it never would.
    assert!(start.elapsed() < Duration::from_secs(60));
    poisoned_but_the_host_goes_on(engine, instance, limits);

    // A deadline set again from now gives a long-lived instance its time back.
    let mut instance = self::instance(engine, Limits { timeout: Some(Duration::from_millis(50)), ..limits });
    std::thread::sleep(Duration::from_millis(100));
    instance.set_timeout(Duration::from_secs(600)).unwrap();
    assert_eq!(instance.call("count", &[Val::U32(1000)]).unwrap(), Some(Val::U32(1000)));
}

#[test]
fn an_infinite_loop_passes_its_deadline_on_wasmi() {
    deadline_passes(&WasmiEngine::with_options(EngineOptions { fuel: false, deadline: true }));
}

#[cfg(feature = "wasmtime")]
#[test]
fn an_infinite_loop_passes_its_deadline_on_wasmtime() {
    deadline_passes(&cm32_host::WasmtimeEngine::with_options(EngineOptions { fuel: false, deadline: true }));
}

fn memory_and_tables_stop_growing<E: Engine>(engine: &E) {
    let limits = Limits { max_memory_size: Some(1 << 20), max_table_elements: Some(10), ..Limits::default() };
    let mut instance = instance(engine, limits);
    assert_eq!(instance.call("grow", &[Val::U32(15)]).unwrap(), Some(Val::S32(1)));
    assert_eq!(instance.call("grow-table", &[Val::U32(9)]).unwrap(), Some(Val::S32(1)));
    // The 4 GiB memory bomb.
    let (class, message) = trap(&mut instance, "grow", &[Val::U32(65535 - 15)]);
    assert_eq!(class, TrapClass::Limit, "{message}");
    assert!(
        message.contains("a memory would grow to 4294967296 bytes, past the limit max-memory-size=1048576"),
        "{message}"
    );
    poisoned_but_the_host_goes_on(engine, instance, limits);

    let mut instance = self::instance(engine, limits);
    let (class, message) = trap(&mut instance, "grow-table", &[Val::U32(10)]);
    assert_eq!(class, TrapClass::Limit, "{message}");
    assert!(message.contains("a table would grow to 11 elements, past the limit max-table-elements=10"), "{message}");
    poisoned_but_the_host_goes_on(engine, instance, limits);

    // A module whose memory starts past the limit does not instantiate.
    match linker(limits).instantiate(engine, &module(17), ()) {
        Err(LinkError::Instantiate(InstantiateError::Trap(trap))) => {
            assert_eq!(trap.class, TrapClass::Limit, "{trap}");
            assert!(trap.message().contains("1114112 bytes, past the limit max-memory-size=1048576"), "{trap}");
        }
        Err(other) => panic!("expected the memory limit, got {other}"),
        Ok(_) => panic!("expected the memory limit, got an instance"),
    }
}

#[test]
fn memory_and_tables_stop_growing_on_wasmi() {
    memory_and_tables_stop_growing(&WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn memory_and_tables_stop_growing_on_wasmtime() {
    memory_and_tables_stop_growing(&cm32_host::WasmtimeEngine::default());
}

fn handles_are_bounded<E: Engine>(engine: &E) {
    let limits = Limits { max_handles: Some(3), ..Limits::default() };
    let mut instance = instance(engine, limits);
    assert_eq!(instance.call("cm32:limits/things#make", &[Val::U32(3)]).unwrap(), Some(Val::U32(3)));
    assert_eq!(instance.live_handles(), 3);
    let (class, message) = trap(&mut instance, "cm32:limits/things#make", &[Val::U32(1)]);
    assert_eq!(class, TrapClass::Limit, "{message}");
    assert!(message.contains("one handle more than the limit max-handles=3"), "{message}");
    poisoned_but_the_host_goes_on(engine, instance, limits);
}

#[test]
fn live_handles_are_bounded_on_wasmi() {
    handles_are_bounded(&WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn live_handles_are_bounded_on_wasmtime() {
    handles_are_bounded(&cm32_host::WasmtimeEngine::default());
}

#[test]
fn a_limit_the_engine_cannot_count_is_refused_at_instantiation() {
    let cases = [
        (Limits { fuel: Some(10), ..Limits::default() }, "EngineOptions { fuel: true, .. }"),
        (Limits { timeout: Some(Duration::from_secs(1)), ..Limits::default() }, "EngineOptions { deadline: true, .. }"),
    ];
    for (limits, hint) in cases {
        assert_eq!(limits.engine_options().fuel, limits.fuel.is_some());
        match linker(limits).instantiate(&WasmiEngine::default(), &module(1), ()) {
            Err(LinkError::Instantiate(InstantiateError::Limits(message))) => {
                assert!(message.contains(hint), "{message}")
            }
            Err(other) => panic!("expected a refusal, got {other}"),
            Ok(_) => panic!("expected a refusal, got an instance"),
        }
    }
}

#[test]
fn a_long_start_function_runs_under_a_deadline_on_wasmi() {
    // More than one slice of fuel in a core `start` function, which wasmi cannot pause.
    let wasm = wat::parse_str(
        r#"(module
  (global $n (mut i32) (i32.const 0))
  (func $start (loop $l
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (br_if $l (i32.lt_u (global.get $n) (i32.const 3000000)))))
  (start $start)
  (func (export "cm32p2||count") (param i32) (result i32) (global.get $n)))"#,
    )
    .unwrap();
    let engine = WasmiEngine::with_options(EngineOptions { fuel: true, deadline: true });
    let limits = Limits { timeout: Some(Duration::from_secs(600)), ..Limits::default() };
    let mut instance = linker(limits).instantiate(&engine, &wasm, ()).unwrap();
    assert_eq!(instance.call("count", &[Val::U32(0)]).unwrap(), Some(Val::U32(3_000_000)));

    // With a fuel limit, the start function is held to it.
    let limits = Limits { fuel: Some(1_000_000), ..limits };
    match linker(limits).instantiate(&engine, &wasm, ()) {
        Err(LinkError::Instantiate(InstantiateError::Trap(trap))) => assert_eq!(trap.class, TrapClass::Fuel, "{trap}"),
        Err(other) => panic!("expected the fuel limit, got {other}"),
        Ok(_) => panic!("expected the fuel limit, got an instance"),
    }
}

#[test]
fn every_instance_of_a_pre_has_the_limits_afresh() {
    let engine = WasmiEngine::with_options(EngineOptions { fuel: true, deadline: false });
    let limits = Limits { fuel: Some(1_000_000), max_handles: Some(2), ..Limits::default() };
    let pre = linker(limits).instantiate_pre(&engine, &module(1)).unwrap();
    let mut first = pre.instantiate(()).unwrap();
    assert_eq!(trap(&mut first, "spin", &[]).0, TrapClass::Fuel);
    assert_eq!(trap(&mut first, "cm32:limits/things#make", &[Val::U32(1)]).0, TrapClass::Poisoned);
    let mut second = pre.instantiate(()).unwrap();
    assert_eq!(second.fuel(), Some(1_000_000));
    assert_eq!(second.call("cm32:limits/things#make", &[Val::U32(2)]).unwrap(), Some(Val::U32(2)));
    assert_eq!(trap(&mut second, "cm32:limits/things#make", &[Val::U32(1)]).0, TrapClass::Limit);
}
