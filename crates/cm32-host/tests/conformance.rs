//! Runs the host conformance corpus (`conformance/host/`) on every engine built in, and prints the
//! table by category. `CM32_CASE=strings/utf8` runs only the cases whose `category/name` contains
//! that text.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance/host");
    let engine = cm32_host::WasmiEngine::default();
    let filter = std::env::var("CM32_CASE").ok();
    let results = cm32_host::conformance::run_corpus(&dir, &engine, filter.as_deref());
    println!("host conformance on wasmi:\n{}", cm32_host::conformance::report(&results));
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    println!("conformance: {} passed, {failed} failed", results.len() - failed);
    if failed > 0 || results.is_empty() {
        std::process::exit(1);
    }
}
