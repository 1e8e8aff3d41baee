//! The typed path: Rust types bound to WIT functions, checked at bind time, and the same values
//! the dynamic path gives.

use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::{CallError, LinkError, Linker, TrapClass, Val, WasmiEngine, World};

const WIT: &str = r#"
package t:typed;
interface host {
  add: func(a: u32, b: u32) -> u32;
  shout: func(s: string) -> string;
  sum: func(xs: list<u32>) -> u64;
  lookup: func(key: string) -> option<s64>;
  check: func(n: s32) -> result<u8, string>;
  point: func(p: tuple<f64, f64>) -> f64;
}
world typed {
  import host;
  export run: func() -> string;
  export echo-bytes: func(b: list<u8>) -> list<u8>;
  export many: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32,
                    i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> u32;
  export maybe: func(x: option<u32>) -> result<u32, string>;
}
"#;

const WAT: &str = r#"(module
  (import "cm32p2|t:typed/host" "add" (func $add (param i32 i32) (result i32)))
  (import "cm32p2|t:typed/host" "shout" (func $shout (param i32 i32 i32)))
  (import "cm32p2|t:typed/host" "sum" (func $sum (param i32 i32) (result i64)))
  (import "cm32p2|t:typed/host" "lookup" (func $lookup (param i32 i32 i32)))
  (import "cm32p2|t:typed/host" "check" (func $check (param i32 i32)))
  (import "cm32p2|t:typed/host" "point" (func $point (param f64 f64) (result f64)))
  (memory (export "cm32p2_memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 16) "hey")
  (data (i32.const 32) "\01\00\00\00\02\00\00\00\03\00\00\00")
  (func (export "cm32p2_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; run: add(2, 3) must be 5, sum([1,2,3]) must be 6, lookup("hey") must be some(-7),
  ;; check(-1) must be err, point((3, 4)) must be 5; then return shout("hey").
  (func (export "cm32p2||run") (result i32)
    (if (i32.ne (call $add (i32.const 2) (i32.const 3)) (i32.const 5)) (then unreachable))
    (if (i64.ne (call $sum (i32.const 32) (i32.const 3)) (i64.const 6)) (then unreachable))
    (call $lookup (i32.const 16) (i32.const 3) (i32.const 200))
    (if (i32.ne (i32.load8_u (i32.const 200)) (i32.const 1)) (then unreachable))
    (if (i64.ne (i64.load (i32.const 208)) (i64.const -7)) (then unreachable))
    (call $check (i32.const -1) (i32.const 240))
    (if (i32.ne (i32.load8_u (i32.const 240)) (i32.const 1)) (then unreachable))
    (if (f64.ne (call $point (f64.const 3) (f64.const 4)) (f64.const 5)) (then unreachable))
    (call $shout (i32.const 16) (i32.const 3) (i32.const 300))
    (i32.const 300))
  (func (export "cm32p2||echo-bytes") (param i32 i32) (result i32)
    (i32.store (i32.const 400) (local.get 0))
    (i32.store (i32.const 404) (local.get 1))
    (i32.const 400))
  (func (export "cm32p2||many") (param $p i32) (result i32)
    (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 64)))))
  (func (export "cm32p2||maybe") (param i32 i32) (result i32)
    (if (local.get 0)
      (then (i32.store8 (i32.const 500) (i32.const 0)) (i32.store (i32.const 504) (i32.add (local.get 1) (i32.const 1))))
      (else (i32.store8 (i32.const 500) (i32.const 1)) (i32.store (i32.const 504) (i32.const 16)) (i32.store (i32.const 508) (i32.const 3))))
    (i32.const 500))
)"#;

fn world() -> Arc<World> {
    Arc::new(World::new(load_world_str("typed.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap()).unwrap())
}

fn linker<E: cm32_host::engine::Engine>() -> Linker<Vec<String>, E> {
    let mut linker = Linker::<Vec<String>, _>::new(world());
    linker.define_typed("t:typed/host#add", |_, (a, b): (u32, u32)| Ok(a + b)).unwrap();
    linker
        .define_typed("t:typed/host#shout", |cx, (s,): (String,)| {
            cx.data.push(s.clone());
            Ok(s.to_uppercase() + "!")
        })
        .unwrap();
    linker
        .define_typed("t:typed/host#sum", |_, (xs,): (Vec<u32>,)| Ok(xs.iter().map(|x| *x as u64).sum::<u64>()))
        .unwrap();
    linker
        .define_typed("t:typed/host#lookup", |_, (key,): (String,)| Ok(if key == "hey" { Some(-7i64) } else { None }))
        .unwrap();
    linker
        .define_typed("t:typed/host#check", |_, (n,): (i32,)| {
            Ok(if n >= 0 { Ok::<u8, String>(n as u8) } else { Err(format!("{n} is negative")) })
        })
        .unwrap();
    linker.define_typed("t:typed/host#point", |_, ((x, y),): ((f64, f64),)| Ok((x * x + y * y).sqrt())).unwrap();
    linker
}

#[test]
fn typed_imports_and_exports_move_values_both_ways() {
    let mut instance =
        linker().instantiate(&WasmiEngine::default(), &wat::parse_str(WAT).unwrap(), Vec::new()).unwrap();
    let run = instance.typed_func::<(), String>("run").unwrap();
    assert_eq!(run.call(&mut instance, ()).unwrap(), "HEY!");
    assert_eq!(instance.data(), &vec!["hey".to_string()]);

    let echo = instance.typed_func::<(&[u8],), Vec<u8>>("echo-bytes").unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(echo.call(&mut instance, (&bytes[..],)).unwrap(), bytes);

    let many = instance
        .typed_func::<(u32, u32, u32, u32, u32, u32, u32, u32), u32>("many")
        .err()
        .expect("8 Rust params do not fit 17 WIT params");
    assert!(matches!(many, CallError::Signature { .. }), "{many}");

    let maybe = instance.typed_func::<(Option<u32>,), Result<u32, String>>("maybe").unwrap();
    assert_eq!(maybe.call(&mut instance, (Some(41),)).unwrap(), Ok(42));
    assert_eq!(maybe.call(&mut instance, (None,)).unwrap(), Err("hey".to_string()));
}

#[test]
fn typed_and_dynamic_paths_agree() {
    let wasm = wat::parse_str(WAT).unwrap();
    let mut instance = linker().instantiate(&WasmiEngine::default(), &wasm, Vec::new()).unwrap();
    assert_eq!(
        instance.call("maybe", &[Val::Option(Some(Box::new(Val::U32(1))))]).unwrap(),
        Some(Val::Result(Ok(Some(Box::new(Val::U32(2))))))
    );
    let args: Vec<Val> = (1..=17).map(Val::U32).collect();
    // The guest adds the first and the seventeenth of the spilled parameters.
    assert_eq!(instance.call("many", &args).unwrap(), Some(Val::U32(18)));
}

#[test]
fn wrong_rust_types_are_refused_when_binding() {
    let mut linker = Linker::<(), WasmiEngine>::new(world());
    let err = linker.define_typed("t:typed/host#add", |_, (a,): (u32,)| Ok(a)).err().unwrap();
    assert!(matches!(err, LinkError::Signature { .. }), "{err}");
    assert!(err.to_string().contains("takes 2 parameters"), "{err}");
    let err = linker.define_typed("t:typed/host#add", |_, (a, b): (u32, String)| Ok(a + b.len() as u32)).err().unwrap();
    assert!(err.to_string().contains("does not fit the WIT type u32"), "{err}");
    let err = linker.define_typed("t:typed/host#add", |_, (a, b): (u32, u32)| Ok(a as u64 + b as u64)).err().unwrap();
    assert!(err.to_string().contains("result"), "{err}");
}

#[test]
fn a_trap_in_a_typed_import_poisons_the_instance() {
    let mut linker = linker();
    linker
        .define_typed("t:typed/host#add", |_, (_a, _b): (u32, u32)| -> Result<u32, _> {
            Err(cm32_host::Trap::new(TrapClass::Host, "refused"))
        })
        .unwrap();
    let mut instance = linker.instantiate(&WasmiEngine::default(), &wat::parse_str(WAT).unwrap(), Vec::new()).unwrap();
    let run = instance.typed_func::<(), String>("run").unwrap();
    match run.call(&mut instance, ()) {
        Err(CallError::Trap(t)) => {
            assert_eq!(t.class, TrapClass::Host);
            assert_eq!(t.func(), Some("t:typed/host#add"));
        }
        other => panic!("expected a host trap, got {other:?}"),
    }
    match run.call(&mut instance, ()) {
        Err(CallError::Trap(t)) => assert_eq!(t.class, TrapClass::Poisoned),
        other => panic!("expected poisoned, got {other:?}"),
    }
}
