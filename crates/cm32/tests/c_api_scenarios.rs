//! The scenarios the C example on wasm3 must match (`examples/c-wasm3/scenarios.json`), run by
//! `cm32 run`: its output is the record (`CM32_BLESS=1` rewrites it), so the C example's output
//! is `cm32 run`'s byte for byte.

#[path = "../../../examples/c-wasm3/scenarios.rs"]
mod scenarios;

use std::path::Path;
use std::process::Command;

#[test]
fn cm32_run_gives_the_recorded_outcomes() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-api-scenarios");
    let mut differences = Vec::new();
    for scenario in scenarios::scenarios() {
        let mut command = Command::new(env!("CARGO_BIN_EXE_cm32"));
        command.args(["run", "--no-cache"]);
        let outcome = scenarios::run(command, &scenario, &scratch);
        if std::env::var_os("CM32_BLESS").is_some() {
            scenarios::record(&scenario.name, &outcome);
        }
        differences.extend(scenarios::differences(&scenario.name, &outcome, "cm32 run"));
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
