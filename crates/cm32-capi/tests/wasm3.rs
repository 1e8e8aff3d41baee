//! The C API from C, on wasm3: `examples/c-wasm3/` built with the system C compiler against
//! this crate's static library (`examples/c-wasm3/build.sh`), then
//! - the runner on every scenario of `examples/c-wasm3/scenarios.json`, which must give exactly
//!   what `cm32 run` gave (`crates/cm32/tests/c_api_scenarios.rs` keeps the record true);
//! - the C tests of the API's error paths (`examples/c-wasm3/api_tests.c`).

#[path = "../../../examples/c-wasm3/scenarios.rs"]
mod scenarios;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Builds the static library and the C programs once per test run; where the programs are.
///
/// `cargo test` builds this crate only as an rlib, so the library is built here by a cargo of
/// its own, in a target directory of its own (the outer cargo holds the workspace's).
fn built() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let target = tmp.join("capi-build");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args(["build", "--locked", "-p", "cm32-capi", "--target-dir"])
            .arg(&target)
            .current_dir(scenarios::root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo build -p cm32-capi failed");
        let out = tmp.join("c-wasm3");
        let status = Command::new("bash")
            .arg(scenarios::root().join("examples/c-wasm3/build.sh"))
            .arg(&out)
            .arg(target.join("debug"))
            .status()
            .expect("bash runs examples/c-wasm3/build.sh");
        assert!(status.success(), "examples/c-wasm3/build.sh failed (it needs a C compiler, `cc`)");
        out
    })
}

#[test]
fn the_wasm3_runner_prints_what_cm32_run_prints() {
    let runner = built().join("cm32-wasm3");
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wasm3-scenarios");
    let mut differences = Vec::new();
    for scenario in scenarios::scenarios() {
        let outcome = scenarios::run(Command::new(&runner), &scenario, &scratch);
        differences.extend(scenarios::differences(&scenario.name, &outcome, "cm32-wasm3"));
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// componentize-py's component uses what wasm3 0.5.2 cannot parse; the runner says so.
#[test]
fn a_component_wasm3_cannot_run_is_refused_with_the_reason() {
    let out = Command::new(built().join("cm32-wasm3"))
        .arg("guests/py-probe.wasm")
        .current_dir(scenarios::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot link guests/py-probe.wasm: the engine rejected the module: wasm3: cannot parse the module: \
         malformed Wasm binary\n"
    );
}

#[test]
fn the_c_api_error_paths_from_c() {
    let api = scenarios::root().join("examples/c-wasm3/api");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-api-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let mut modules = Vec::new();
    for name in ["guest", "mismatch"] {
        let wasm = wat::parse_file(api.join(format!("{name}.wat"))).unwrap();
        let path = dir.join(format!("{name}.wasm"));
        std::fs::write(&path, wasm).unwrap();
        modules.push(path);
    }
    let out = Command::new(built().join("api_tests")).arg(api.join("api.wit")).args(&modules).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout, "48 checks passed\n");
}
