//! Calls from one component instance into another (fused calls): the root component lowers the
//! functions a nested component `$B` lifts, each side with its own memory, realloc, string
//! encoding and handle table. Strings are transcoded between every pair of encodings with the
//! spec's realloc calls; handles of a resource `$B` defines move between the tables; the rules
//! on borrows, destructors and re-entering an instance hold, with their traps.

use std::sync::{Arc, Mutex};

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::Engine;
use cm32_host::{CallError, Linker, TrapClass, Val, WasmiEngine, World};
use support::{ALLOCATOR, Realloc, reallocs};

mod support;

const WIT: &str = "package cm32:fused;
interface host { dropped: func(rep: u32); }
world w {
  import host;
  export run: func(s: string) -> string;
  export resources: func() -> u32;
  export use-after-move: func() -> u32;
  export drop-across: func();
  export lend-borrow: func();
  export keep-borrow: func();
  export reenter: func();
}";

/// `ENC_A` is the root's string encoding, `ENC_B` the nested component's.
fn component() -> String {
    r#"(component
  (import "cm32:fused/host" (instance $host (export "dropped" (func (param "rep" u32)))))

  ;; The root's resource, which $B borrows.
  (type $ar (resource (rep i32)))
  (core func $ar-new (canon resource.new $ar))
  (core func $ar-drop (canon resource.drop $ar))

  ;; The root's callback, which $B calls back into while the root is on the stack.
  (core module $cb (func (export "f")))
  (core instance $cb (instantiate $cb))
  (func $f (canon lift (core func $cb "f")))

  (component $B
    (import "host" (instance $host (export "dropped" (func (param "rep" u32)))))
    (import "ar" (type $ar (sub resource)))
    (import "f" (func $f))
    (alias export $host "dropped" (func $dropped))
    ALLOCATOR
    (core instance $mem (instantiate $mem))
    (alias core export $mem "memory" (core memory $memory))
    (alias core export $mem "realloc" (core func $realloc))
    (core func $dropped (canon lower (func $dropped)))
    (core func $f (canon lower (func $f)))
    (core module $dtor
      (import "host" "dropped" (func $dropped (param i32)))
      (func (export "dtor") (param i32) (call $dropped (local.get 0))))
    (core instance $dtor (instantiate $dtor (with "host" (instance (export "dropped" (func $dropped))))))
    (type $r (resource (rep i32) (dtor (core func $dtor "dtor"))))
    (core func $new (canon resource.new $r))
    (core func $rep (canon resource.rep $r))
    (core func $drop (canon resource.drop $r))
    (core func $ar-drop (canon resource.drop $ar))
    (core module $main
      (import "m" "memory" (memory 1))
      (import "r" "new" (func $new (param i32) (result i32)))
      (import "r" "rep" (func $rep (param i32) (result i32)))
      (import "r" "drop" (func $drop (param i32)))
      (import "r" "ar-drop" (func $ar-drop (param i32)))
      (import "r" "f" (func $f))
      ;; The string it was given, back.
      (func (export "echo") (param i32 i32) (result i32)
        (i32.store (i32.const 8) (local.get 0))
        (i32.store (i32.const 12) (local.get 1))
        (i32.const 8))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      ;; A borrow of its own resource arrives as the representation.
      (func (export "peek") (param i32) (result i32) (local.get 0))
      (func (export "consume") (param i32) (result i32) (local $rep i32)
        (local.set $rep (call $rep (local.get 0)))
        (call $drop (local.get 0))
        (local.get $rep))
      (func (export "lend") (param i32) (call $ar-drop (local.get 0)))
      (func (export "keep") (param i32))
      (func (export "call-back") (call $f)))
    (core instance $main (instantiate $main
      (with "m" (instance (export "memory" (memory $memory))))
      (with "r" (instance
        (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))
        (export "ar-drop" (func $ar-drop)) (export "f" (func $f))))))
    (export $r-named "r" (type $r))
    (type $own-r (own $r-named))
    (type $borrow-r (borrow $r-named))
    (type $borrow-ar (borrow $ar))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $main "echo") (memory $memory) (realloc $realloc) string-encoding=ENC_B))
    (func (export "make") (param "n" u32) (result $own-r) (canon lift (core func $main "make")))
    (func (export "peek") (param "x" $borrow-r) (result u32) (canon lift (core func $main "peek")))
    (func (export "consume") (param "x" $own-r) (result u32) (canon lift (core func $main "consume")))
    (func (export "lend") (param "x" $borrow-ar) (canon lift (core func $main "lend")))
    (func (export "keep") (param "x" $borrow-ar) (canon lift (core func $main "keep")))
    (func (export "call-back") (canon lift (core func $main "call-back"))))

  (instance $b (instantiate $B
    (with "host" (instance $host))
    (with "ar" (type $ar))
    (with "f" (func $f))))
  (alias export $b "r" (type $r))
  ALLOCATOR
  (core instance $mem (instantiate $mem))
  (alias core export $mem "memory" (core memory $memory))
  (alias core export $mem "realloc" (core func $realloc))
  (core func $echo (canon lower (func $b "echo") (memory $memory) (realloc $realloc) string-encoding=ENC_A))
  (core func $make (canon lower (func $b "make")))
  (core func $peek (canon lower (func $b "peek")))
  (core func $consume (canon lower (func $b "consume")))
  (core func $lend (canon lower (func $b "lend")))
  (core func $keep (canon lower (func $b "keep")))
  (core func $call-back (canon lower (func $b "call-back")))
  (core func $r-drop (canon resource.drop $r))
  (core module $main
    (import "m" "memory" (memory 1))
    (import "b" "echo" (func $echo (param i32 i32 i32)))
    (import "b" "make" (func $make (param i32) (result i32)))
    (import "b" "peek" (func $peek (param i32) (result i32)))
    (import "b" "consume" (func $consume (param i32) (result i32)))
    (import "b" "lend" (func $lend (param i32)))
    (import "b" "keep" (func $keep (param i32)))
    (import "b" "call-back" (func $call-back))
    (import "b" "r-drop" (func $r-drop (param i32)))
    (import "b" "ar-new" (func $ar-new (param i32) (result i32)))
    (import "b" "ar-drop" (func $ar-drop (param i32)))
    (func (export "run") (param i32 i32) (result i32)
      (call $echo (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16))
    ;; make(7): a handle in the root's table; peek and consume see 7; the sum is 14.
    (func (export "resources") (result i32) (local $h i32)
      (local.set $h (call $make (i32.const 7)))
      (i32.add (call $peek (local.get $h)) (call $consume (local.get $h))))
    ;; The handle moved to $B with consume: using it again is a handle trap.
    (func (export "use-after-move") (result i32) (local $h i32)
      (local.set $h (call $make (i32.const 8)))
      (drop (call $consume (local.get $h)))
      (call $peek (local.get $h)))
    ;; The root drops its own handle: $B's destructor runs, in $B.
    (func (export "drop-across") (call $r-drop (call $make (i32.const 9))))
    (func (export "lend-borrow") (local $h i32)
      (local.set $h (call $ar-new (i32.const 5)))
      (call $lend (local.get $h))
      (call $ar-drop (local.get $h)))
    (func (export "keep-borrow") (call $keep (call $ar-new (i32.const 6))))
    (func (export "reenter") (call $call-back)))
  (core instance $main (instantiate $main
    (with "m" (instance (export "memory" (memory $memory))))
    (with "b" (instance
      (export "echo" (func $echo)) (export "make" (func $make)) (export "peek" (func $peek))
      (export "consume" (func $consume)) (export "lend" (func $lend)) (export "keep" (func $keep))
      (export "call-back" (func $call-back)) (export "r-drop" (func $r-drop))
      (export "ar-new" (func $ar-new)) (export "ar-drop" (func $ar-drop))))))
  (func (export "run") (param "s" string) (result string)
    (canon lift (core func $main "run") (memory $memory) (realloc $realloc) string-encoding=ENC_A))
  (func (export "resources") (result u32) (canon lift (core func $main "resources")))
  (func (export "use-after-move") (result u32) (canon lift (core func $main "use-after-move")))
  (func (export "drop-across") (canon lift (core func $main "drop-across")))
  (func (export "lend-borrow") (canon lift (core func $main "lend-borrow")))
  (func (export "keep-borrow") (canon lift (core func $main "keep-borrow")))
  (func (export "reenter") (canon lift (core func $main "reenter")))
)"#
    .replace("ALLOCATOR", ALLOCATOR)
}

type Dropped = Arc<Mutex<Vec<u32>>>;

/// The world's linker: `dropped` records each rep it is given.
fn linker<E: cm32_host::engine::Engine>() -> Linker<Dropped, E> {
    let loaded = load_world_str("fused.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
    let mut linker = Linker::<Dropped, _>::new(Arc::new(World::new(loaded).unwrap()));
    linker
        .define_typed("cm32:fused/host#dropped", |cx, (rep,): (u32,)| {
            cx.data.lock().unwrap().push(rep);
            Ok(())
        })
        .unwrap();
    linker
}

fn instance<E: Engine>(engine: &E, enc_a: &str, enc_b: &str) -> (cm32_host::Instance<Dropped, E>, Dropped) {
    let mut linker = linker();
    linker.record_realloc(true);
    let wasm = wat::parse_str(component().replace("ENC_A", enc_a).replace("ENC_B", enc_b)).unwrap();
    let dropped = Dropped::default();
    let instance = linker.instantiate_component(engine, &wasm, dropped.clone()).unwrap();
    (instance, dropped)
}

/// The string goes host → root (lowered from UTF-8), root → `$B` (the fused call's argument) and
/// `$B` → root (its result); each step's realloc calls are those of the spec's `store_string`
/// for that pair of encodings.
#[test]
fn strings_cross_between_every_pair_of_encodings() {
    const HOST_TO_UTF16: &[Realloc] = &[(0, 2, 20), (20, 2, 10)];
    let cases: &[(&str, &str, &str, &[&[Realloc]])] = &[
        ("utf8", "utf8", "aé€😀", &[&[(0, 1, 10)], &[(0, 1, 10)], &[(0, 1, 10)]]),
        // UTF-16 into UTF-8: as many bytes as units (5), grown to the worst case (15), shrunk to 10.
        ("utf16", "utf8", "aé€😀", &[HOST_TO_UTF16, &[(0, 1, 5), (5, 1, 15), (15, 1, 10)], HOST_TO_UTF16]),
        ("utf8", "utf16", "aé€😀", &[&[(0, 1, 10)], HOST_TO_UTF16, &[(0, 1, 5), (5, 1, 15), (15, 1, 10)]]),
        // The same encoding is one exact copy.
        ("utf16", "utf16", "aé€😀", &[HOST_TO_UTF16, &[(0, 2, 10)], &[(0, 2, 10)]]),
        // UTF-8 into latin1+utf16 turns UTF-16 at `€`; back, it is UTF-16 (5 units) into UTF-8.
        (
            "utf8",
            "latin1+utf16",
            "aé€😀",
            &[&[(0, 1, 10)], &[(0, 2, 10), (10, 2, 20), (20, 2, 10)], &[(0, 1, 5), (5, 1, 15), (15, 1, 10)]],
        ),
        // Latin-1 into UTF-8: 5 bytes, the worst case 10, then the 6 it needs.
        (
            "latin1+utf16",
            "utf8",
            "héllo",
            &[&[(0, 2, 6), (6, 2, 5)], &[(0, 1, 5), (5, 1, 10), (10, 1, 6)], &[(0, 2, 6), (6, 2, 5)]],
        ),
        // Latin-1 into UTF-16 is a copy; UTF-16 that fits Latin-1 back needs no shrink.
        ("latin1+utf16", "utf16", "héllo", &[&[(0, 2, 6), (6, 2, 5)], &[(0, 2, 10)], &[(0, 2, 5)]]),
        ("latin1+utf16", "latin1+utf16", "héllo", &[&[(0, 2, 6), (6, 2, 5)], &[(0, 2, 5)], &[(0, 2, 5)]]),
        // Tagged UTF-16 between two latin1+utf16 sides stays UTF-16.
        ("latin1+utf16", "latin1+utf16", "a€b", &[&[(0, 2, 5), (5, 2, 10), (10, 2, 6)], &[(0, 2, 6)], &[(0, 2, 6)]]),
        ("utf16", "latin1+utf16", "a€b", &[&[(0, 2, 10), (10, 2, 6)], &[(0, 2, 3), (3, 2, 6)], &[(0, 2, 6)]]),
    ];
    for (enc_a, enc_b, text, steps) in cases {
        let (mut instance, _) = instance(&WasmiEngine::default(), enc_a, enc_b);
        let result = instance.call("run", &[Val::String(text.to_string())]).unwrap();
        assert_eq!(result, Some(Val::String(text.to_string())), "{enc_a} → {enc_b}");
        let expected: Vec<Realloc> = steps.iter().flat_map(|s| s.iter().copied()).collect();
        assert_eq!(reallocs(&instance.take_realloc_log()), expected, "{enc_a} → {enc_b} {text:?}");
    }
}

fn trap_of<E: Engine>(instance: &mut cm32_host::Instance<Dropped, E>, func: &str) -> (TrapClass, String) {
    match instance.call(func, &[]) {
        Err(CallError::Trap(trap)) => (trap.class, trap.to_string()),
        other => panic!("{func}: expected a trap, got {other:?}"),
    }
}

fn resources_cross<E: Engine>(engine: &E) {
    let (mut instance, dropped) = instance(engine, "utf8", "utf8");
    // Both handles are gone from the root's table after the call; `$B` dropped its own.
    assert_eq!(instance.call("resources", &[]).unwrap(), Some(Val::U32(14)));
    assert_eq!(*dropped.lock().unwrap(), vec![7]);
    assert_eq!(instance.live_handles(), 0);
    instance.call("drop-across", &[]).unwrap();
    assert_eq!(*dropped.lock().unwrap(), vec![7, 9]);
    // A borrow given to $B and dropped there; the root then drops its own handle.
    instance.call("lend-borrow", &[]).unwrap();
    assert_eq!(instance.live_handles(), 0);

    let (class, message) = trap_of(&mut instance, "use-after-move");
    assert_eq!(class, TrapClass::Handle, "{message}");
    assert!(message.contains("handle 1 is not a live handle"), "{message}");
}

#[test]
fn handles_move_between_instance_tables_on_wasmi() {
    resources_cross(&WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn handles_move_between_instance_tables_on_wasmtime() {
    resources_cross(&cm32_host::WasmtimeEngine::default());
}

#[test]
fn borrows_and_reentry_trap() {
    let engine = WasmiEngine::default();
    let (mut first, _) = instance(&engine, "utf8", "utf8");
    let (class, message) = trap_of(&mut first, "keep-borrow");
    assert_eq!(class, TrapClass::BorrowOutstanding, "{message}");
    assert!(message.contains("(in keep)"), "{message}");

    // The root is on the stack (in `reenter`) when $B calls its callback.
    let (mut second, _) = instance(&engine, "utf8", "utf8");
    let (class, message) = trap_of(&mut second, "reenter");
    assert_eq!(class, TrapClass::Reentry, "{message}");
    assert!(message.contains("component instance 0 is entered again while it is on the stack"), "{message}");
}

/// One component linked and compiled once, instantiated many times, from several threads: each
/// instance has its own stores, tables and resource handles.
fn instances_from_one_pre<E: Engine>(engine: &E) {
    let linker = linker();
    let wasm = wat::parse_str(component().replace("ENC_A", "utf16").replace("ENC_B", "utf8")).unwrap();
    let pre = linker.instantiate_pre(engine, &wasm).unwrap();
    let threads: Vec<_> = (0..3)
        .map(|i| {
            let pre = pre.clone();
            std::thread::spawn(move || {
                let dropped = Dropped::default();
                let mut instance = pre.instantiate(dropped.clone()).unwrap();
                let text = format!("instance {i}");
                assert_eq!(instance.call("run", &[Val::String(text.clone())]).unwrap(), Some(Val::String(text)));
                assert_eq!(instance.call("resources", &[]).unwrap(), Some(Val::U32(14)));
                instance.call("drop-across", &[]).unwrap();
                assert_eq!(*dropped.lock().unwrap(), vec![7, 9]);
                // A trap poisons this instance only.
                assert_eq!(trap_of(&mut instance, "use-after-move").0, TrapClass::Handle);
                assert_eq!(trap_of(&mut instance, "resources").0, TrapClass::Poisoned);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut instance = pre.instantiate(Dropped::default()).unwrap();
    assert_eq!(instance.call("resources", &[]).unwrap(), Some(Val::U32(14)));
}

#[test]
fn one_pre_makes_many_instances_on_wasmi() {
    instances_from_one_pre(&WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn one_pre_makes_many_instances_on_wasmtime() {
    instances_from_one_pre(&cm32_host::WasmtimeEngine::default());
}
