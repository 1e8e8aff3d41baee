//! A component is validated whole: its structure by the link, the function bodies of each core
//! module by the engine, which compiles every module of the component, instantiated or not. An
//! invalid function anywhere refuses the component.

use std::sync::Arc;

use cm32_abi::{WitOptions, load_world_str};
use cm32_host::engine::Engine;
use cm32_host::{LinkError, Linker, World};

/// A function that claims an `i32` result and leaves nothing on the stack.
const INVALID_BODY: &str = r#"(func (export "f") (result i32))"#;
const VALID_BODY: &str = r#"(func (export "f") (result i32) i32.const 7)"#;

fn component(body: &str, instantiated: bool) -> Vec<u8> {
    let instance = if instantiated { "(core instance (instantiate $m))" } else { "" };
    wat::parse_str(format!("(component (core module $m {body}) {instance})")).unwrap()
}

fn link<E: Engine>(engine: &E, wasm: &[u8]) -> Result<(), LinkError> {
    let wit = "package t:t;\nworld w {}\n";
    let world = World::new(load_world_str("t.wit".as_ref(), wit, None, &WitOptions::default()).unwrap()).unwrap();
    let linker = Linker::<(), E>::new(Arc::new(world));
    linker.instantiate_pre(engine, wasm).map(|_| ())
}

/// The error and its sources, as one line.
fn anyhow_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        source = e.source();
    }
    text
}

fn refuses_invalid_bodies<E: Engine>(engine: &E) {
    for instantiated in [true, false] {
        link(engine, &component(VALID_BODY, instantiated)).unwrap();
        let error = link(engine, &component(INVALID_BODY, instantiated)).unwrap_err();
        let message = anyhow_chain(&error);
        assert!(matches!(error, LinkError::Instantiate(_)), "instantiated: {instantiated}: {error:?}");
        assert!(message.contains("type mismatch"), "instantiated: {instantiated}: {message}");
    }
}

#[test]
fn an_invalid_function_is_refused_on_wasmi() {
    refuses_invalid_bodies(&cm32_host::WasmiEngine::default());
}

#[cfg(feature = "wasmtime")]
#[test]
fn an_invalid_function_is_refused_on_wasmtime() {
    refuses_invalid_bodies(&cm32_host::WasmtimeEngine::default());
}
