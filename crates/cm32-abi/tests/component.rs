//! Taking the main module out of a component: the one module with a memory; refusals say why.

use cm32_abi::component::{ExtractError, main_module};

fn component(wat: &str) -> Vec<u8> {
    wat::parse_str(wat).unwrap()
}

#[test]
fn the_module_with_the_memory_is_the_main_one() {
    let bytes = component(
        r#"(component
            (core module $shim (func (export "f")))
            (core module $main (memory (export "memory") 1) (func (export "run")))
            (core module $fixup (func (export "g"))))"#,
    );
    let main = main_module(&bytes).unwrap();
    let interface = cm32_abi::module::read_interface(&main).unwrap();
    let names: Vec<&str> = interface.exports.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["memory", "run"]);
}

#[test]
fn two_modules_with_memories_are_refused() {
    let bytes = component(
        r#"(component
            (core module $main (memory 1))
            (core module $adapter (memory 1)))"#,
    );
    let err = main_module(&bytes).unwrap_err();
    assert!(matches!(err, ExtractError::SeveralMainModules(2)), "{err}");
    assert!(err.to_string().contains("wasi_snapshot_preview1"), "{err}");
}

#[test]
fn modules_inside_nested_components_are_refused() {
    let bytes = component(r#"(component (component (core module (memory 1))))"#);
    assert!(matches!(main_module(&bytes).unwrap_err(), ExtractError::Nested));
}

#[test]
fn a_component_without_modules_is_refused() {
    assert!(matches!(main_module(&component("(component)")).unwrap_err(), ExtractError::NoModule));
}

#[test]
fn garbage_is_refused() {
    assert!(matches!(main_module(b"\0asm\x0d\0\x01\0\x01").unwrap_err(), ExtractError::Invalid(_)));
}
