//! `cm32 run` on components from real producers (`guests/`, built by `scripts/build-fixtures.sh`):
//! each must print exactly what wasmtime printed for it (`guests/expected/`, written by
//! `scripts/expected-outputs.sh` with the wasmtime 49 CLI), write the same file, and exit with the
//! same status.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn guests() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../guests")).to_path_buf()
}

fn expected(name: &str, what: &str) -> String {
    let path = guests().join("expected").join(format!("{name}.{what}"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scenario of `guests/expected/README.md`, on `engine`.
fn run_scenario(fixture: &str, engine: &str) -> (String, String, Option<i32>, String) {
    let data = std::env::temp_dir().join(format!("cm32-fixture-{fixture}-{engine}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("in.txt"), "Hello, fixtures!\nThe quick brown fox: 42 jumps.\n").unwrap();
    let dir = format!("{}::/data", data.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_cm32"))
        .args([
            "run",
            "--no-cache",
            "--engine",
            engine,
            "--dir",
            &dir,
            "--env",
            "GREETING=hi",
            &format!("{fixture}.wasm"),
        ])
        .args(["one", "two words", "upper", "/data/in.txt", "/data/out.txt", "exit", "3"])
        .current_dir(guests())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"first line of stdin\nsecond line\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let file = std::fs::read_to_string(data.join("out.txt")).unwrap_or_default();
    std::fs::remove_dir_all(&data).unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.code(), file)
}

#[track_caller]
fn same_as_wasmtime(fixture: &str, engine: &str, status: i32) {
    let (stdout, stderr, code, file) = run_scenario(fixture, engine);
    let what = format!("{fixture} on {engine}");
    assert_eq!(stdout, expected(fixture, "stdout"), "{what}: stdout (stderr: {stderr})");
    assert_eq!(stderr, expected(fixture, "stderr"), "{what}: stderr");
    assert_eq!(file, expected(fixture, "out.txt"), "{what}: the file it wrote");
    assert_eq!(code, Some(status), "{what}: exit status");
}

fn wasmtime_status(fixture: &str) -> i32 {
    expected(fixture, "status").trim().parse().unwrap()
}

/// Components whose main module is linked to the preview1 adapter by wit-component's shim and
/// fixup modules (C on wasi-libc, Rust `wasm32-wasip1`, and Rust `wasm32-wasip2` calling a
/// preview1 function), on both engines.
#[test]
fn adapter_components_match_wasmtime() {
    for fixture in ["c-probe", "p1-probe", "p2-mixed"] {
        for engine in ["wasmi", "wasmtime"] {
            same_as_wasmtime(fixture, engine, wasmtime_status(fixture));
        }
    }
}

/// Python (componentize-py: 14 core modules sharing one memory, table and globals) and
/// JavaScript (componentize-js). On wasmi only here: Cranelift in a debug build takes minutes on
/// their 14 to 18 MB; `cm32 run --engine wasmtime` runs them the same (checked by hand and in
/// release builds).
#[test]
fn python_and_javascript_components_match_wasmtime() {
    for fixture in ["py-probe", "js-probe"] {
        same_as_wasmtime(fixture, "wasmi", wasmtime_status(fixture));
    }
}

/// Plain preview1 modules run as the component the preview1 command adapter makes of them. The
/// adapter reports any failing exit as `exit(err)`, status 1, where wasmtime, which runs preview1
/// natively, keeps the program's 3; everything else is the same.
#[test]
fn preview1_modules_run_through_the_adapter() {
    for fixture in ["c-probe.p1", "p1-probe.p1"] {
        assert_eq!(wasmtime_status(fixture), 3);
        for engine in ["wasmi", "wasmtime"] {
            same_as_wasmtime(fixture, engine, 1);
        }
    }
}

/// Two Rust components composed with `wac plug`: every call crosses from one component instance
/// into the other (strings, lists, records, variants, options, results, and own and borrowed
/// handles of a resource the callee defines), each with its own memory, realloc and handle table.
#[test]
fn composed_components_match_wasmtime() {
    for engine in ["wasmi", "wasmtime"] {
        let out = Command::new(env!("CARGO_BIN_EXE_cm32"))
            .args(["run", "--no-cache", "--engine", engine, "composed.wasm"])
            .current_dir(guests())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert_eq!(text(&out.stdout), expected("composed", "stdout"), "{engine}: stderr {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), expected("composed", "stderr"), "{engine}");
        assert_eq!(out.status.code(), Some(wasmtime_status("composed")), "{engine}");
    }
}

fn cm32_run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cm32")).arg("run").args(args).current_dir(guests()).output().unwrap()
}

/// Imports nothing provides: refused before anything runs, or, with `--trap-unknown-imports`,
/// functions that trap when called.
#[test]
fn unknown_imports_are_refused_or_trap_when_called() {
    let file = "wat/component-missing-import.wat";
    let out = cm32_run(&[file]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("nothing provides:\n    cm32:missing/thing@0.1.0#poke (at byte 0x15f of the component)"),
        "{err}"
    );
    assert!(err.contains("hint: --trap-unknown-imports runs it anyway"), "{err}");

    for engine in ["wasmi", "wasmtime"] {
        let out = cm32_run(&["--engine", engine, "--trap-unknown-imports", file]);
        assert_eq!(out.status.code(), Some(0), "{engine}: {}", String::from_utf8_lossy(&out.stderr));
        let out = cm32_run(&["--engine", engine, "--trap-unknown-imports", file, "poke"]);
        assert_eq!(out.status.code(), Some(134), "{engine}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: the program trapped: trap[host]: `cm32:missing/thing@0.1.0#poke` was called, but nothing provides \
             it (in wasi:cli/run@0.2.12#run)\n",
            "{engine}"
        );
    }
}

/// What cm32 cannot run yet is refused before anything runs, naming the construct and where it
/// is.
#[test]
fn unsupported_constructs_are_refused_by_name_and_offset() {
    let dir = std::env::temp_dir().join(format!("cm32-refusals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The built-ins of WASI 0.3's async ABI and of threads.
    for (name, canon, refusal) in [
        ("task-cancel", "task.cancel", "cm32 does not run `canon task-cancel` yet"),
        ("waitable-set", "waitable-set.new", "cm32 does not run `canon waitable-set-new` yet"),
        ("parallelism", "thread.available_parallelism", "cm32 does not run `canon thread-available-parallelism` yet"),
    ] {
        let file = dir.join(format!("{name}.wat"));
        std::fs::write(&file, format!("(component (core func (canon {canon})))")).unwrap();
        let out = cm32_run(&[file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&format!("at byte 0x8 of the component: {refusal}")), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
