//! An independent cross-check of the target corpus against wit-component, which is what wraps
//! modules into components today:
//! - the derived target has exactly the imports and exports of `wit_component::dummy_module`;
//! - every skeleton module, with its world embedded, encodes into a valid component.

mod common;

use cm32_abi::module::{Extern, read_interface};
use cm32_abi::{Mangling, derive_target, render};
use wit_component::{ComponentEncoder, StringEncoding, dummy_module, embed_component_metadata};
use wit_parser::{LiftLowerAbi, ManglingAndAbi};

type Shape = (Vec<(String, String, Extern)>, Vec<(String, Extern)>);

fn shape(wasm: &[u8]) -> Shape {
    let interface = read_interface(wasm).expect("valid module");
    let mut imports: Vec<_> = interface.imports.into_iter().map(|i| (i.module, i.name, i.ty)).collect();
    let mut exports: Vec<_> = interface.exports.into_iter().map(|e| (e.name, e.ty)).collect();
    imports.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    exports.sort_by(|a, b| a.0.cmp(&b.0));
    (imports, exports)
}

#[test]
fn targets_equal_wit_component_dummy_modules_and_encode_as_components() {
    let dir = common::conformance_dir("target");
    let mut checked = 0;
    for case in common::cases(&dir, "wit") {
        let args = common::directive(&case, "// cm32-target:");
        let loaded = common::load(&case, &args);
        for (mangling, theirs) in [
            (Mangling::Standard, ManglingAndAbi::Standard32),
            (Mangling::Legacy, ManglingAndAbi::Legacy(LiftLowerAbi::Sync)),
        ] {
            let target = derive_target(&loaded.resolve, loaded.world, mangling).unwrap();
            let mut skeleton = wat::parse_str(render::to_wat(&target))
                .unwrap_or_else(|e| panic!("{} ({mangling}): skeleton does not parse: {e}", case.display()));
            let reference = dummy_module(&loaded.resolve, loaded.world, theirs);
            assert_eq!(
                shape(&skeleton),
                shape(&reference),
                "{} ({mangling}): derived target differs from wit_component::dummy_module",
                case.display()
            );

            embed_component_metadata(&mut skeleton, &loaded.resolve, loaded.world, StringEncoding::UTF8, false)
                .unwrap();
            let component = ComponentEncoder::default()
                .validate(true)
                .module(&skeleton)
                .and_then(|e| e.encode())
                .unwrap_or_else(|e| panic!("{} ({mangling}): skeleton does not encode: {e:?}", case.display()));
            wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
                .validate_all(&component)
                .unwrap_or_else(|e| panic!("{} ({mangling}): invalid component: {e}", case.display()));
            checked += 1;
        }
    }
    assert!(checked >= 50, "cross-checked only {checked} (world, mangling) pairs");
}
