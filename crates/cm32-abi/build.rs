//! Finds the WASI 0.2 WIT that the pinned `wasip2` crate ships under `wit/` and embeds it, so that
//! nobody retypes WASI by hand and any user WIT can `use wasi:*@0.2.x` without vendoring it.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PINNED: &str = "2.0.1+wasi-0.2.12";

fn main() {
    let wit = wasip2_wit_dir();
    let deps = wit.join("deps");
    let mut files: Vec<PathBuf> = fs::read_dir(&deps)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", deps.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no WIT files in {}", deps.display());

    let wasi_version = PINNED.rsplit("wasi-").next().unwrap();
    let mut out = String::new();
    writeln!(out, "/// The WASI version the embedded WIT declares.").unwrap();
    writeln!(out, "pub const WASI_VERSION: &str = {wasi_version:?};").unwrap();
    writeln!(out, "/// The embedded WASI packages: (file name, WIT source).").unwrap();
    writeln!(out, "pub const WASI_PACKAGES: &[(&str, &str)] = &[").unwrap();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        writeln!(out, "    ({name:?}, include_str!({:?})),", file.display().to_string()).unwrap();
        println!("cargo:rerun-if-changed={}", file.display());
    }
    writeln!(out, "];").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("wasi_wit.rs");
    fs::write(dest, out).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}

/// Asks cargo where the pinned `wasip2` package lives; falls back to the registry source cache.
fn wasip2_wit_dir() -> PathBuf {
    if let Some(dir) = from_cargo_metadata() {
        return dir;
    }
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("neither CARGO_HOME nor HOME is set");
    let registry = home.join("registry").join("src");
    if let Ok(indexes) = fs::read_dir(&registry) {
        for index in indexes.flatten() {
            let candidate = index.path().join(format!("wasip2-{PINNED}")).join("wit");
            if candidate.is_dir() {
                return candidate;
            }
        }
    }
    panic!("cannot find the WIT of wasip2 {PINNED}: neither `cargo metadata` nor {} has it", registry.display());
}

fn from_cargo_metadata() -> Option<PathBuf> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(&env::var("CARGO_MANIFEST_DIR").ok()?).join("Cargo.toml");
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--manifest-path"])
        .arg(&manifest)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    meta["packages"].as_array()?.iter().find_map(|pkg| {
        if pkg["name"] == "wasip2" && pkg["version"] == PINNED {
            let manifest = PathBuf::from(pkg["manifest_path"].as_str()?);
            Some(manifest.parent()?.join("wit"))
        } else {
            None
        }
    })
}
