//! Code compiled once, apart from any linker: on another thread, then linked to linkers of other
//! host functions and other worlds.

use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::Engine;
use cm32_host::{Compiled, LinkError, Linker, Val, World};

const WIT: &str = "package t:c;\nworld w {\n  import base: func() -> u32;\n  export run: func(n: u32) -> u32;\n}\n";
const OTHER_WIT: &str = "package t:c;\nworld other {\n  export stop: func();\n}\n";

/// `run(n)` is `base() + n`.
const MODULE: &str = r#"(module
  (import "cm32p2" "base" (func $base (result i32)))
  (memory (export "cm32p2_memory") 0)
  (func (export "cm32p2||run") (param i32) (result i32) (i32.add (call $base) (local.get 0))))"#;

/// The same function, in a component.
const COMPONENT: &str = r#"(component
  (import "base" (func $base (result u32)))
  (core module $m
    (import "host" "base" (func $base (result i32)))
    (func (export "run") (param i32) (result i32) (i32.add (call $base) (local.get 0))))
  (core func $base_lowered (canon lower (func $base)))
  (core instance $host (export "base" (func $base_lowered)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $run (param "n" u32) (result u32) (canon lift (core func $i "run")))
  (export "run" (func $run)))"#;

fn world(wit: &str) -> Arc<World> {
    Arc::new(World::new(load_world_str("c.wit".as_ref(), wit, None, &WitOptions::default()).unwrap()).unwrap())
}

/// A linker whose `base` returns `base`.
fn linker<E: Engine>(base: u32) -> Linker<(), E> {
    let mut linker = Linker::new(world(WIT));
    linker.define_typed("base", move |_, ()| Ok(base)).unwrap();
    linker
}

fn compiled_on_another_thread<E: Engine>(engine: &E, wasm: &[u8]) -> Compiled<E> {
    std::thread::scope(|scope| scope.spawn(|| Compiled::new(engine, wasm)).join().unwrap()).unwrap()
}

fn linked_to_many_linkers<E: Engine>(engine: &E) {
    for (text, is_component) in [(MODULE, false), (COMPONENT, true)] {
        let wasm = wat::parse_str(text).unwrap();
        let compiled = compiled_on_another_thread(engine, &wasm);
        assert_eq!(compiled.is_component(), is_component);
        assert_eq!(compiled.bytes(), &wasm[..]);
        for base in [10, 20] {
            let pre = linker::<E>(base).link(&compiled).unwrap();
            for n in [0, 5] {
                let mut instance = pre.instantiate(()).unwrap();
                assert_eq!(instance.call("run", &[Val::U32(n)]).unwrap(), Some(Val::U32(base + n)), "{text}");
            }
        }
        // A linker of a world the code does not fit refuses it, as it refuses the bytes.
        let other = Linker::<(), E>::new(world(OTHER_WIT));
        let error = other.link(&compiled).err().expect("linked to a world it does not fit");
        match error {
            LinkError::Violations { world, .. } if !is_component => assert_eq!(world, "other"),
            LinkError::MissingImports { missing, .. } if is_component => {
                assert_eq!(missing, ["base (at byte 0x6b of the component)"])
            }
            other => panic!("component: {is_component}: {other:?}"),
        }
    }
}

fn bad_bytes_are_refused_before_any_linker<E: Engine>(engine: &E) {
    let component = wat::parse_str(COMPONENT).unwrap();
    let cut = &component[..component.len() - 3];
    match Compiled::new(engine, cut) {
        Err(LinkError::Component(message)) => {
            assert!(message.starts_with("not a valid component: "), "{message}");
            assert!(message.ends_with("(is the file cut short?)"), "{message}");
        }
        other => panic!("a cut component: {:?}", other.err()),
    }
    let module = wat::parse_str(MODULE).unwrap();
    assert!(matches!(Compiled::new(engine, &module[..module.len() - 3]), Err(LinkError::Module(_))));
}

#[test]
fn compiled_once_and_linked_to_many_linkers_on_wasmi() {
    linked_to_many_linkers(&cm32_host::WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn compiled_once_and_linked_to_many_linkers_on_wasmtime() {
    linked_to_many_linkers(&cm32_host::WasmtimeEngine::default());
}

#[test]
fn bad_bytes_are_refused_before_any_linker_on_wasmi() {
    bad_bytes_are_refused_before_any_linker(&cm32_host::WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn bad_bytes_are_refused_before_any_linker_on_wasmtime() {
    bad_bytes_are_refused_before_any_linker(&cm32_host::WasmtimeEngine::default());
}

/// A pooled wasmtime engine takes its instances from a pool sized for the stores asked for:
/// they work as any others, and one more than the pool holds fails to instantiate, until a
/// store is dropped and its slot comes back.
#[cfg(feature = "wasmtime")]
#[test]
fn a_pooled_engine_instantiates_from_its_pool() {
    let engine = cm32_host::WasmtimeEngine::pooled(Default::default(), 1);
    let wasm = wat::parse_str(MODULE).unwrap();
    let pre = linker::<cm32_host::WasmtimeEngine>(10).instantiate_pre(&engine, &wasm).unwrap();
    // One store of one module: the pool has 16 core instances and 4 memories for it.
    let mut alive: Vec<_> = (0..4).map(|_| pre.instantiate(()).unwrap()).collect();
    for instance in &mut alive {
        assert_eq!(instance.call("run", &[Val::U32(5)]).unwrap(), Some(Val::U32(15)));
    }
    let refused = pre.instantiate(()).err().expect("a fifth memory is past the pool");
    assert!(refused.to_string().contains("memor"), "{refused}");
    alive.pop();
    assert!(pre.instantiate(()).is_ok(), "a slot came back");
}
