//! The types `bindgen!` generates against a hostile guest (a hand-written core module): every
//! value the guest makes up is checked as the dynamic path checks it (discriminants, chars), flag
//! bits the type does not have are dropped, and what does not fit the bindings is an error at
//! link time. Also fixed-length lists, which no guest toolchain here emits yet.

use cm32_host::engine::Engine;
use cm32_host::{CallError, Instance, LinkError, TrapClass, WasmiEngine};

mod edge {
    cm32_host::bindgen!({
        inline: "
            package cm32:edge;
            interface types {
              enum color { red, green, blue }
              flags perms { read, write, exec }
              variant either { num(u32), none }
            }
            interface sink {
              use types.{color, perms};
              take-color: func(c: color);
              take-perms: func(p: perms) -> perms;
              take-char: func(c: char);
            }
            interface edges {
              use types.{color, perms, either};
              get-color: func(n: u32) -> color;
              get-perms: func(n: u32) -> perms;
              get-either: func(tag: u32, payload: u32) -> either;
              reverse: func(l: list<u32, 3>) -> list<u32, 3>;
              get-char: func(c: u32) -> char;
              send-color: func(n: u32);
              send-perms: func(n: u32) -> u32;
              send-char: func(c: u32);
            }
            world edge { import sink; export edges; }
        ",
    });
}

use edge::cm32::edge::{sink, types};
use edge::exports::cm32::edge::edges::Guest;
use types::{Color, Either, Perms};

/// Each export hands the guest's raw numbers on as the WIT type, unchecked: `get-*` return them,
/// `send-*` pass them to the host's `take-*`.
const GUEST: &str = r#"(module
  (import "cm32p2|cm32:edge/sink" "take-color" (func $take-color (param i32)))
  (import "cm32p2|cm32:edge/sink" "take-perms" (func $take-perms (param i32) (result i32)))
  (import "cm32p2|cm32:edge/sink" "take-char" (func $take-char (param i32)))
  (memory (export "cm32p2_memory") 1)
  (func (export "cm32p2|cm32:edge/edges|get-color") (param i32) (result i32) (local.get 0))
  (func (export "cm32p2|cm32:edge/edges|get-perms") (param i32) (result i32) (local.get 0))
  (func (export "cm32p2|cm32:edge/edges|get-either") (param i32 i32) (result i32)
    (i32.store8 (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "cm32p2|cm32:edge/edges|reverse") (param i32 i32 i32) (result i32)
    (i32.store (i32.const 32) (local.get 2))
    (i32.store (i32.const 36) (local.get 1))
    (i32.store (i32.const 40) (local.get 0))
    (i32.const 32))
  (func (export "cm32p2|cm32:edge/edges|get-char") (param i32) (result i32) (local.get 0))
  (func (export "cm32p2|cm32:edge/edges|send-color") (param i32) (call $take-color (local.get 0)))
  (func (export "cm32p2|cm32:edge/edges|send-perms") (param i32) (result i32) (call $take-perms (local.get 0)))
  (func (export "cm32p2|cm32:edge/edges|send-char") (param i32) (call $take-char (local.get 0)))
)"#;

#[derive(Default)]
struct Host {
    colors: Vec<Color>,
    perms: Vec<Perms>,
    chars: Vec<char>,
}

impl types::Host for Host {}

impl sink::Host for Host {
    fn take_color(&mut self, c: Color) {
        self.colors.push(c);
    }
    fn take_perms(&mut self, p: Perms) -> Perms {
        self.perms.push(p);
        p
    }
    fn take_char(&mut self, c: char) {
        self.chars.push(c);
    }
}

fn instantiate<E: Engine>(engine: &E) -> (Guest, Instance<Host, E>) {
    let mut linker = edge::Edge::linker::<Host, _>();
    edge::Edge::add_to_linker(&mut linker, |h| h).unwrap();
    let wasm = wat::parse_str(GUEST).unwrap();
    let (bindings, instance) = edge::Edge::instantiate(&linker, engine, &wasm, Host::default()).unwrap();
    (bindings.cm32_edge_edges().clone(), instance)
}

fn class<T: std::fmt::Debug>(result: Result<T, CallError>) -> TrapClass {
    match result {
        Err(CallError::Trap(t)) => t.class,
        other => panic!("expected a trap, got {other:?}"),
    }
}

fn hostile_values_trap<E: Engine>(engine: &E) {
    let (guest, mut i) = instantiate(engine);
    assert_eq!(guest.call_get_color(&mut i, 2).unwrap(), Color::Blue);
    assert_eq!(class(guest.call_get_color(&mut i, 3)), TrapClass::Discriminant);

    let (guest, mut i) = instantiate(engine);
    assert_eq!(guest.call_get_either(&mut i, 0, 77).unwrap(), Either::Num(77));
    assert_eq!(guest.call_get_either(&mut i, 1, 77).unwrap(), Either::None);
    assert_eq!(class(guest.call_get_either(&mut i, 2, 0)), TrapClass::Discriminant);

    let (guest, mut i) = instantiate(engine);
    assert_eq!(guest.call_get_char(&mut i, 'é' as u32).unwrap(), 'é');
    assert_eq!(class(guest.call_get_char(&mut i, 0xD800)), TrapClass::Char);

    // The same values, made up by the guest and lifted by the host's generated glue.
    let (guest, mut i) = instantiate(engine);
    guest.call_send_color(&mut i, 1).unwrap();
    assert_eq!(class(guest.call_send_color(&mut i, 9)), TrapClass::Discriminant);
    assert_eq!(i.data().colors, vec![Color::Green]);

    let (guest, mut i) = instantiate(engine);
    guest.call_send_char(&mut i, 0x10FFFF).unwrap();
    assert_eq!(class(guest.call_send_char(&mut i, 0x110000)), TrapClass::Char);
    assert_eq!(i.data().chars, vec!['\u{10FFFF}']);
}

fn flags_keep_only_their_bits<E: Engine>(engine: &E) {
    let (guest, mut i) = instantiate(engine);
    assert_eq!(guest.call_get_perms(&mut i, 0b101).unwrap(), Perms::READ | Perms::EXEC);
    assert_eq!(guest.call_get_perms(&mut i, 0xFFFF_FFF2).unwrap(), Perms::WRITE);
    assert_eq!(guest.call_send_perms(&mut i, 0xF0).unwrap(), 0);
    assert_eq!(guest.call_send_perms(&mut i, 0x7).unwrap(), 0x7);
    assert_eq!(i.data().perms, vec![Perms::empty(), Perms::all()]);
}

fn fixed_length_lists<E: Engine>(engine: &E) {
    let (guest, mut i) = instantiate(engine);
    assert_eq!(guest.call_reverse(&mut i, [1, 2, u32::MAX]).unwrap(), [u32::MAX, 2, 1]);
}

#[test]
fn hostile_values_trap_on_wasmi() {
    hostile_values_trap(&WasmiEngine::default());
}

#[test]
fn flags_keep_only_their_bits_on_wasmi() {
    flags_keep_only_their_bits(&WasmiEngine::default());
}

#[test]
fn fixed_length_lists_on_wasmi() {
    fixed_length_lists(&WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn generated_types_on_hostile_guests_on_wasmtime() {
    let engine = cm32_host::WasmtimeEngine::default();
    hostile_values_trap(&engine);
    flags_keep_only_their_bits(&engine);
    fixed_length_lists(&engine);
}

/// Bindings of one world do not bind an instance of another: the exports are missing, or their
/// types differ, and nothing is called.
#[test]
fn bindings_refuse_another_worlds_instance() {
    mod other {
        cm32_host::bindgen!({
            inline: "
                package cm32:other;
                interface edges { get-color: func(n: u32) -> u32; }
                world edge { export edges; }
            ",
        });
    }
    let wasm = wat::parse_str(GUEST).unwrap();
    let mut linker = edge::Edge::linker::<Host, _>();
    edge::Edge::add_to_linker(&mut linker, |h| h).unwrap();
    let pre = linker.instantiate_pre(&WasmiEngine::default(), &wasm).unwrap();
    match other::Edge::new(&pre) {
        Err(CallError::NoSuchExport { name, available }) => {
            assert_eq!(name, "cm32:other/edges#get-color");
            assert!(available.contains(&"cm32:edge/edges#get-color".to_string()), "{available:?}");
        }
        Err(e) => panic!("expected a missing export, got {e}"),
        Ok(_) => panic!("bound another world's exports"),
    }
    match other::EdgePre::new(pre) {
        Err(LinkError::Exports(e)) => assert!(e.to_string().contains("cm32:other/edges#get-color"), "{e}"),
        Err(e) => panic!("expected an exports error, got {e}"),
        Ok(_) => panic!("bound another world's exports"),
    }
}

/// Bindings of a newer version of an interface link into a linker whose world imports an older
/// one on the same semver track (as WASI's bindings serve guests of any 0.2.x): what the older
/// world lacks is passed over.
#[test]
fn bindings_link_into_a_world_with_an_older_version_of_an_interface() {
    mod newer {
        cm32_host::bindgen!({
            inline: "
                package cm32:v@0.1.2;
                interface api { f: func(x: u32) -> u32; g: func(); }
                world w { import api; export run: func(x: u32) -> u32; }
            ",
        });
    }
    struct Host;
    impl newer::cm32::v::api::Host for Host {
        fn f(&mut self, x: u32) -> u32 {
            x + 1
        }
        fn g(&mut self) {}
    }
    let older = "package cm32:v@0.1.0;
        interface api { f: func(x: u32) -> u32; }
        world w { import api; export run: func(x: u32) -> u32; }";
    let loaded = cm32_abi::load_world_str("v.wit".as_ref(), older, None, &Default::default()).unwrap();
    let mut linker = cm32_host::Linker::<Host, _>::new(std::sync::Arc::new(cm32_host::World::new(loaded).unwrap()));
    newer::W::add_to_linker(&mut linker, |h| h).unwrap();
    let wasm = wat::parse_str(
        r#"(module
          (import "cm32p2|cm32:v/api@0.1" "f" (func $f (param i32) (result i32)))
          (func (export "cm32p2||run") (param i32) (result i32) (call $f (local.get 0))))"#,
    )
    .unwrap();
    let (bindings, mut instance) = newer::W::instantiate(&linker, &WasmiEngine::default(), &wasm, Host).unwrap();
    assert_eq!(bindings.call_run(&mut instance, 41).unwrap(), 42);
}

/// The world the bindings embed keeps its WIT name, which link errors show (the decoder of the
/// embedded copy calls every world `root`).
#[test]
fn the_embedded_world_keeps_its_name() {
    assert_eq!(edge::Edge::world().name(), "edge");
    let linker = edge::Edge::linker::<Host, _>();
    let wasm = wat::parse_str(r#"(module (import "cm32p2|cm32:edge/sink" "no-such-function" (func)))"#).unwrap();
    match linker.instantiate(&WasmiEngine::default(), &wasm, Host::default()) {
        Err(e @ LinkError::Violations { .. }) => assert!(e.to_string().contains("world `edge`"), "{e}"),
        Err(e) => panic!("expected violations, got {e}"),
        Ok(_) => panic!("instantiated a module that imports what the world lacks"),
    }
}
