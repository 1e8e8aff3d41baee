//! Runs the host conformance corpus (`conformance/host/`) on every engine built in, and prints the
//! table by category for each. `CM32_CASE=strings/utf8` runs only the cases whose `category/name`
//! contains that text.

use std::path::Path;

use cm32_host::engine::Engine;

fn run_on<E: Engine>(name: &str, engine: &E, dir: &Path, filter: Option<&str>) -> (usize, usize) {
    let results = cm32_host::conformance::run_corpus(dir, engine, filter);
    println!("host conformance on {name}:\n{}", cm32_host::conformance::report(&results));
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    (results.len() - failed, failed)
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance/host");
    let filter = std::env::var("CM32_CASE").ok();
    let mut totals = vec![run_on("wasmi", &cm32_host::WasmiEngine::default(), &dir, filter.as_deref())];
    #[cfg(feature = "wasmtime")]
    totals.push(run_on("wasmtime", &cm32_host::WasmtimeEngine::default(), &dir, filter.as_deref()));
    let (passed, failed) = totals.iter().fold((0, 0), |(p, f), (tp, tf)| (p + tp, f + tf));
    println!("conformance: {passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        std::process::exit(1);
    }
}
