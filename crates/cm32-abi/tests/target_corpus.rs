//! The golden corpus under `conformance/target/`: each `.wit` case's derived target, in both
//! manglings and both formats, must equal the checked-in files under `expected/`.

mod common;

use cm32_abi::{Mangling, derive_target, render};

#[test]
fn derived_targets_match_the_checked_in_corpus() {
    let dir = common::conformance_dir("target");
    let cases = common::cases(&dir, "wit");
    assert!(cases.len() >= 25, "the corpus must hold at least 25 worlds, it holds {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let args = common::directive(case, "// cm32-target:");
        let loaded = common::load(case, &args);
        let stem = case.file_stem().unwrap().to_str().unwrap();
        for mangling in [Mangling::Standard, Mangling::Legacy] {
            let target = derive_target(&loaded.resolve, loaded.world, mangling)
                .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
            let json = serde_json::to_string_pretty(&render::to_json(&target)).unwrap() + "\n";
            let expected = dir.join("expected").join(format!("{stem}.{mangling}.json"));
            failures.extend(common::expect_file(&expected, &json));
            let expected = dir.join("expected").join(format!("{stem}.{mangling}.wat"));
            failures.extend(common::expect_file(&expected, &render::to_wat(&target)));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
