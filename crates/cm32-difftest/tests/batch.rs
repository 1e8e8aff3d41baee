//! The fixed-seed differential batch CI runs: at least 2,000 positive and 500 negative cases,
//! each on cm32/wasmi, cm32/wasmtime and wasmtime's component model. Any finding fails it.

use cm32_difftest::{Settings, run};

fn main() {
    let mut settings = Settings::new(2026, 2_500);
    settings.jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = std::time::Instant::now();
    let report = run(&settings, |_| {}).unwrap_or_else(|e| panic!("the differential run failed to run: {e:#}"));
    for f in &report.findings {
        println!("finding: batch {} ({}) run{} {} ({}):", f.batch, f.shape, f.func, f.case, f.runtime);
        for line in &f.details {
            println!("  {line}");
        }
    }
    print!("{}", report.summary());
    println!("seed {}, {:.1} s", settings.seed, started.elapsed().as_secs_f64());
    assert!(report.positive >= 2_000, "only {} positive cases", report.positive);
    assert!(report.negative >= 500, "only {} negative cases", report.negative);
    assert!(report.findings.is_empty(), "{} findings (above)", report.findings.len());
    // Every shape was run (the module, a component, a composition) and the other encodings.
    for shape in ["module", "component", "composed"] {
        assert!(report.shapes.keys().any(|s| s.starts_with(shape)), "no batch of shape {shape}");
    }
    for encoding in ["utf16", "latin1+utf16"] {
        assert!(report.shapes.keys().any(|s| s.contains(encoding)), "no batch in {encoding}");
    }
    // Every kind of corruption the Canonical ABI must catch on the way in was tried.
    for kind in [
        "discriminant",
        "char",
        "pointer-misaligned",
        "pointer-out-of-bounds",
        "invalid-utf8",
        "dropped-handle",
        "unknown-handle",
        "duplicate-handle",
        "borrow-kept",
        "realloc-out-of-bounds",
        "realloc-leaves",
        "post-return-leaves",
    ] {
        assert!(report.faults.get(kind).is_some_and(|&n| n > 0), "no negative case of kind {kind}");
    }
    // wasmtime is pinned, so each of its messages maps to a class; a new message needs a mapping
    // in `oracle::classify` before its class can be compared.
    assert_eq!(report.classes_unnamed, 0, "wasmtime messages with no class: see --verbose");
}
