//! The golden corpus under `conformance/check/`: each `.wat` module is checked against the world
//! its first line names, and the full report (every violation, the items outside the target and
//! the verdict) must equal the checked-in `.expected` file.
//!
//! First line of a case: `;; cm32-check: --wit ../target/x.wit [--world W] [--mangling auto|standard|legacy]
//! [--require-all-exports] [--features a,b]`, paths relative to the case. Without `--wit` the
//! world comes from the module's `component-type` section; `--embed wit/x.wit` has the harness
//! embed one first, as wit-bindgen does, so that no case carries an opaque encoded blob.

mod common;

use cm32_abi::{CheckOptions, Mangling, ManglingChoice, check_module, derive_target, render};

#[test]
fn check_reports_match_the_checked_in_corpus() {
    let dir = common::conformance_dir("check");
    let cases = common::cases(&dir, "wat");
    assert!(cases.len() >= 30, "the corpus must hold at least 30 modules, it holds {}", cases.len());
    let mut failures = Vec::new();
    let (mut good, mut bad) = (0, 0);
    for case in &cases {
        let args = common::directive(case, ";; cm32-check:");
        let mut wasm = wat::parse_file(case).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        if let Some(wit) = common::flag(&args, "--embed") {
            let embedded = common::load(&dir.join(wit), &[]);
            wit_component::embed_component_metadata(
                &mut wasm,
                &embedded.resolve,
                embedded.world,
                wit_component::StringEncoding::UTF8,
                false,
            )
            .unwrap();
        }
        let interface = cm32_abi::module::read_interface(&wasm).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let loaded = match common::flag(&args, "--wit") {
            Some(wit) => common::load(&dir.join(wit), &args),
            None => cm32_abi::world_from_module(&wasm).unwrap().expect("a component-type section"),
        };
        let options = CheckOptions {
            mangling: match common::flag(&args, "--mangling") {
                None | Some("auto") => ManglingChoice::Auto,
                Some("standard") => ManglingChoice::Fixed(Mangling::Standard),
                Some("legacy") => ManglingChoice::Fixed(Mangling::Legacy),
                Some(other) => panic!("{}: unknown mangling {other}", case.display()),
            },
            require_all_exports: args.iter().any(|a| a == "--require-all-exports"),
        };
        let standard = derive_target(&loaded.resolve, loaded.world, Mangling::Standard).unwrap();
        let legacy = derive_target(&loaded.resolve, loaded.world, Mangling::Legacy).unwrap();
        let report = check_module(&interface, &standard, &legacy, options);
        if report.conforms() {
            good += 1
        } else {
            bad += 1
        }
        let name = case.file_name().unwrap().to_str().unwrap();
        let world = &loaded.resolve.worlds[loaded.world].name;
        let text = render::check_text(&report, name, world);
        failures.extend(common::expect_file(&case.with_extension("expected"), &text));
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    assert!(good >= 5 && bad >= 20, "the corpus needs both good ({good}) and bad ({bad}) modules");
}
