//! A resource type a component defines and exports: the host receives own handles of it from the
//! component's constructor, lends them back as borrows, and drops them, which runs the
//! component's destructor. The world's exported resource and the component's own are one type.

use std::sync::{Arc, Mutex};

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::{Linker, Val, WasmiEngine, World};

const WIT: &str = "package t:res;
interface api {
  resource counter {
    constructor(n: u32);
    get: func() -> u32;
  }
}
world w {
  import log: func(n: u32);
  export api;
}";

const COMPONENT: &str = r#"(component
  (import "log" (func $log (param "n" u32)))
  (core func $log (canon lower (func $log)))
  (core module $dtor
    (import "h" "log" (func $log (param i32)))
    (func (export "dtor") (param i32) (call $log (local.get 0))))
  (core instance $dtor (instantiate $dtor (with "h" (instance (export "log" (func $log))))))
  (type $counter (resource (rep i32) (dtor (core func $dtor "dtor"))))
  (core func $new (canon resource.new $counter))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (func (export "ctor") (param i32) (result i32) (call $new (local.get 0)))
    ;; A borrow of its own resource arrives as the representation.
    (func (export "get") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $m (with "r" (instance (export "new" (func $new))))))
  (type $own (own $counter))
  (type $borrow (borrow $counter))
  (func $ctor (param "n" u32) (result $own) (canon lift (core func $m "ctor")))
  (func $get (param "self" $borrow) (result u32) (canon lift (core func $m "get")))
  (component $shim
    (import "counter" (type $c (sub resource)))
    (import "ctor" (func $ctor (param "n" u32) (result (own $c))))
    (import "get" (func $get (param "self" (borrow $c)) (result u32)))
    (export $c2 "counter" (type $c))
    (export "[constructor]counter" (func $ctor) (func (param "n" u32) (result (own $c2))))
    (export "[method]counter.get" (func $get) (func (param "self" (borrow $c2)) (result u32))))
  (instance $api (instantiate $shim
    (with "counter" (type $counter)) (with "ctor" (func $ctor)) (with "get" (func $get))))
  (export "t:res/api" (instance $api)))"#;

#[test]
fn the_host_holds_lends_and_drops_a_resource_the_component_defines() {
    let loaded = load_world_str("res.wit".as_ref(), WIT, None, &WitOptions::default()).unwrap();
    let mut linker = Linker::<Arc<Mutex<Vec<u32>>>, _>::new(Arc::new(World::new(loaded).unwrap()));
    linker
        .define_typed("log", |cx, (n,): (u32,)| {
            cx.data.lock().unwrap().push(n);
            Ok(())
        })
        .unwrap();
    let logged = Arc::new(Mutex::new(Vec::new()));
    let wasm = wat::parse_str(COMPONENT).unwrap();
    let mut instance = linker.instantiate_component(&WasmiEngine::default(), &wasm, logged.clone()).unwrap();

    let Some(Val::Own(counter)) = instance.call("t:res/api#[constructor]counter", &[Val::U32(41)]).unwrap() else {
        panic!("the constructor returned no own handle")
    };
    assert_eq!(counter.rep, 41);
    assert_eq!(instance.world().types().resource(counter.ty).wit, "t:res/api#counter");
    // The handle moved out to the host: the component's table is empty again.
    assert_eq!(instance.live_handles(), 0);

    let got = instance.call("t:res/api#[method]counter.get", &[Val::Borrow(counter)]).unwrap();
    assert_eq!(got, Some(Val::U32(41)));
    assert!(logged.lock().unwrap().is_empty(), "no destructor ran yet");

    instance.drop_resource(counter).unwrap();
    assert_eq!(*logged.lock().unwrap(), vec![41], "the component's destructor ran once, with the rep");
}
