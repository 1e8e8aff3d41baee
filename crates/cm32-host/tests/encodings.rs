//! Strings in the `utf16` and `latin1+utf16` encodings, both ways through a component: the
//! host lowers `run`'s argument into the guest, the guest passes it to the host's `echo`
//! (lifted), the host's answer is lowered back, and `run` returns it (lifted). Each realloc call
//! is the one the spec's `store_string` makes: a worst-case block, then a shrink.

use std::sync::{Arc, Mutex};

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::{CallError, Linker, TrapClass, Val, WasmiEngine, World};
use support::{ALLOCATOR, Realloc, reallocs};

mod support;

const WIT: &str = "package cm32:enc;
interface host { echo: func(s: string) -> string; }
world w {
  import host;
  export run: func(s: string) -> string;
  export bad-align: func() -> string;
  export bad-surrogate: func() -> string;
}";

/// The component, with `ENC` as every lowering's and lifting's string encoding.
const COMPONENT: &str = r#"(component
  (import "cm32:enc/host" (instance $host (export "echo" (func (param "s" string) (result string)))))
  (alias export $host "echo" (func $echo))
  ALLOCATOR
  (core instance $mem (instantiate $mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $echo (canon lower (func $echo) (memory $memory) (realloc $realloc) string-encoding=ENC))
  (core module $main
    (import "host" "echo" (func $echo (param i32 i32 i32)))
    (import "m" "memory" (memory 1))
    (data (i32.const 200) "\00\d8")
    (func (export "run") (param i32 i32) (result i32)
      (call $echo (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))
    (func (export "bad-align") (result i32)
      (call $echo (i32.const 201) (i32.const 1) (i32.const 16))
      (i32.const 16))
    (func (export "bad-surrogate") (result i32)
      (call $echo (i32.const 200) (i32.const 1) (i32.const 16))
      (i32.const 16)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "echo" (func $echo))))
    (with "m" (instance (export "memory" (memory $memory))))))
  (func $run (param "s" string) (result string)
    (canon lift (core func $main "run") (memory $memory) (realloc $realloc) string-encoding=ENC))
  (func $bad-align (result string)
    (canon lift (core func $main "bad-align") (memory $memory) (realloc $realloc) string-encoding=ENC))
  (func $bad-surrogate (result string)
    (canon lift (core func $main "bad-surrogate") (memory $memory) (realloc $realloc) string-encoding=ENC))
  (export "run" (func $run))
  (export "bad-align" (func $bad-align))
  (export "bad-surrogate" (func $bad-surrogate))
)"#;

type Seen = Arc<Mutex<Vec<String>>>;

fn instance(encoding: &str) -> (cm32_host::Instance<Seen, WasmiEngine>, Seen) {
    let loaded = load_world_str("enc.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
    let mut linker = Linker::<Seen, _>::new(Arc::new(World::new(loaded).unwrap()));
    linker
        .define_typed("cm32:enc/host#echo", |cx, (s,): (String,)| {
            cx.data.lock().unwrap().push(s.clone());
            Ok(format!("{s}|{s}"))
        })
        .unwrap();
    linker.record_realloc(true);
    let wasm = wat::parse_str(COMPONENT.replace("ALLOCATOR", ALLOCATOR).replace("ENC", encoding)).unwrap();
    let seen = Seen::default();
    let instance = linker.instantiate_component(&WasmiEngine::default(), &wasm, seen.clone()).unwrap();
    (instance, seen)
}

#[test]
fn strings_round_trip_in_every_encoding_with_the_spec_realloc_calls() {
    let cases: &[(&str, &str, &[Realloc])] = &[
        // 10 UTF-8 bytes: a worst case of 20 UTF-16 bytes, shrunk to the 5 units' 10.
        ("utf16", "aé€😀", &[(0, 2, 20), (20, 2, 10), (0, 2, 42), (42, 2, 22)]),
        ("utf8", "aé€😀", &[(0, 1, 10), (0, 1, 21)]),
        // All Latin-1: one byte each; the 6-byte block (UTF-8 length) shrinks to 5 characters.
        ("latin1+utf16", "héllo", &[(0, 2, 6), (6, 2, 5), (0, 2, 13), (13, 2, 11)]),
        ("latin1+utf16", "abc", &[(0, 2, 3), (0, 2, 7)]),
        // `€` is past Latin-1: the block grows to the worst case and shrinks to UTF-16.
        ("latin1+utf16", "a€b", &[(0, 2, 5), (5, 2, 10), (10, 2, 6), (0, 2, 11), (11, 2, 22), (22, 2, 14)]),
        ("latin1+utf16", "", &[(0, 2, 0), (0, 2, 1)]),
    ];
    for (encoding, text, expected) in cases {
        let (mut instance, seen) = instance(encoding);
        let doubled = format!("{text}|{text}");
        let result = instance.call("run", &[Val::String(text.to_string())]).unwrap();
        assert_eq!(result, Some(Val::String(doubled)), "{encoding} {text:?}");
        assert_eq!(*seen.lock().unwrap(), vec![text.to_string()], "{encoding}: the host saw the string");
        assert_eq!(reallocs(&instance.take_realloc_log()), *expected, "{encoding} {text:?}");
    }
}

#[test]
fn bad_utf16_traps() {
    for encoding in ["utf16", "latin1+utf16"] {
        let (mut instance, _) = instance(encoding);
        let Err(CallError::Trap(trap)) = instance.call("bad-align", &[]) else { panic!("{encoding}: no trap") };
        assert_eq!(trap.class, TrapClass::Alignment, "{encoding}: {trap}");
    }
    // In `utf16`, a lone high surrogate; `latin1+utf16` without the tag reads it as Latin-1.
    let (mut utf16, _) = instance("utf16");
    let Err(CallError::Trap(trap)) = utf16.call("bad-surrogate", &[]) else { panic!("no trap") };
    assert_eq!((trap.class, trap.message()), (TrapClass::Utf8, "string at 0xc8 is not UTF-16: lone surrogate 0xd800"));
    let (mut latin1, seen) = instance("latin1+utf16");
    assert!(latin1.call("bad-surrogate", &[]).is_ok());
    assert_eq!(*seen.lock().unwrap(), vec!["\u{0}".to_string()]);
}
