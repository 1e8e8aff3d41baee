//! Shared by the corpus tests: finding cases, reading their directive line, and comparing with
//! (or, under `UPDATE_EXPECT=1`, rewriting) the expected files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use cm32_abi::{LoadedWorld, WitOptions};

pub fn conformance_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance").join(sub)
}

/// The files in `dir` with extension `ext`, sorted.
pub fn cases(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    cases.sort();
    cases
}

/// The flags on a case's first line, after `marker` (`// cm32-target:` or `;; cm32-check:`).
pub fn directive(path: &Path, marker: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let first = text.lines().next().unwrap_or_default();
    match first.trim().strip_prefix(marker) {
        Some(rest) => rest.split_whitespace().map(String::from).collect(),
        None => Vec::new(),
    }
}

/// The value after `flag` in `args`.
pub fn flag<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).map(|i| args[i + 1].as_str())
}

pub fn load(wit: &Path, args: &[String]) -> LoadedWorld {
    let options = WitOptions {
        features: flag(args, "--features").map(|f| f.split(',').map(String::from).collect()).unwrap_or_default(),
        all_features: args.iter().any(|a| a == "--all-features"),
    };
    cm32_abi::load_world(wit, flag(args, "--world"), &options).unwrap_or_else(|e| panic!("{}: {e}", wit.display()))
}

/// Compares `actual` with the file at `expected`; with `UPDATE_EXPECT=1` writes it instead.
/// Returns a description of the mismatch, if any.
pub fn expect_file(expected: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, actual).unwrap();
        return None;
    }
    match std::fs::read_to_string(expected) {
        Ok(text) if text == actual => None,
        Ok(text) => Some(format!(
            "{} differs (rerun with UPDATE_EXPECT=1 if the change is intended)\n--- expected\n{text}\n--- actual\n{actual}",
            expected.display()
        )),
        Err(_) => Some(format!("{} is missing (run with UPDATE_EXPECT=1 to create it)", expected.display())),
    }
}
