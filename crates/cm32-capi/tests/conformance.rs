//! The host conformance corpus (`conformance/host/`) on a third engine: wasm3, through the C
//! engine vtable (the engine `cm32_wasm3_engine_new` gives C programs). Prints the table by
//! category. Every case passes except those `conformance/host/wasm3-limits.txt` lists, each
//! with what wasm3 lacks; a case that fails unlisted, or passes while listed, fails the test.

use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn the_corpus_on_wasm3() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let engine = cm32::wasm3_engine(0).expect("wasm3 starts");
    let filter = std::env::var("CM32_CASE").ok();
    let results = cm32_host::conformance::run_corpus(&root.join("conformance/host"), &engine, filter.as_deref());
    println!("host conformance on wasm3:\n{}", cm32_host::conformance::report(&results));
    let limits_file = root.join("conformance/host/wasm3-limits.txt");
    let listed: BTreeMap<String, String> = std::fs::read_to_string(&limits_file)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (case, why) = l.split_once(' ').unwrap_or((l, ""));
            (case.to_string(), why.trim().to_string())
        })
        .collect();
    let mut surprises = Vec::new();
    for result in &results {
        let case = format!("{}/{}", result.category, result.name);
        match (&result.outcome, listed.get(&case)) {
            (Err(why), None) => surprises.push(format!("{case} fails on wasm3: {why}")),
            (Ok(()), Some(_)) => surprises.push(format!("{case} passes on wasm3 but is listed")),
            _ => {}
        }
    }
    assert!(!results.is_empty(), "no cases ran");
    assert!(surprises.is_empty(), "{}", surprises.join("\n"));
}
