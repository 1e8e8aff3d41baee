//! The scenarios of `scenarios.json`: programs run with arguments, environment, stdin and
//! directories, by `cm32 run` and by the C example on wasm3, which must print the same bytes
//! (`expected/NAME.stdout`, `.stderr`, `.status`, recorded from `cm32 run` with `CM32_BLESS=1`).
//! Shared by the tests of both (`#[path]`).

// Each test uses part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Scenario {
    pub name: String,
    stdin: String,
    args: Vec<String>,
    dirs: Vec<String>,
    files: Vec<(String, String)>,
}

pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: Option<i32>,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn here() -> PathBuf {
    root().join("examples/c-wasm3")
}

pub fn scenarios() -> Vec<Scenario> {
    let text = std::fs::read_to_string(here().join("scenarios.json")).unwrap();
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default()
    };
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| Scenario {
            name: s["name"].as_str().unwrap().to_string(),
            stdin: s["stdin"].as_str().unwrap_or("").to_string(),
            args: strings(&s["args"]),
            dirs: strings(&s["dirs"]),
            files: s["files"]
                .as_object()
                .map(|o| o.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Runs `scenario` with `command` (its arguments follow), in a fresh directory under `scratch`.
pub fn run(mut command: Command, scenario: &Scenario, scratch: &Path) -> Outcome {
    let dir = scratch.join(&scenario.name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for sub in &scenario.dirs {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for (file, content) in &scenario.files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    let args = scenario.args.iter().map(|a| a.replace("{dir}", &dir.display().to_string()));
    let mut child = command
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(scenario.stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Outcome { stdout: text(&out.stdout), stderr: text(&out.stderr), status: out.status.code() }
}

fn expected_path(name: &str, what: &str) -> PathBuf {
    here().join("expected").join(format!("{name}.{what}"))
}

/// Writes `outcome` as the expected outcome of `name`.
pub fn record(name: &str, outcome: &Outcome) {
    std::fs::create_dir_all(here().join("expected")).unwrap();
    std::fs::write(expected_path(name, "stdout"), &outcome.stdout).unwrap();
    std::fs::write(expected_path(name, "stderr"), &outcome.stderr).unwrap();
    std::fs::write(expected_path(name, "status"), format!("{}\n", outcome.status.unwrap_or(-1))).unwrap();
}

/// Compares `outcome` with what was recorded for `name`; the differences, if any.
pub fn differences(name: &str, outcome: &Outcome, who: &str) -> Vec<String> {
    let read = |what: &str| {
        std::fs::read_to_string(expected_path(name, what)).unwrap_or_else(|e| panic!("{name}.{what}: {e}"))
    };
    let mut found = Vec::new();
    if outcome.stdout != read("stdout") {
        found.push(format!("{name}: {who}'s stdout:\n{}\nexpected:\n{}", outcome.stdout, read("stdout")));
    }
    if outcome.stderr != read("stderr") {
        found.push(format!("{name}: {who}'s stderr:\n{}\nexpected:\n{}", outcome.stderr, read("stderr")));
    }
    let status = read("status").trim().parse::<i32>().ok();
    if outcome.status != status {
        found.push(format!("{name}: {who}'s status {:?}, expected {status:?}", outcome.status));
    }
    found
}
