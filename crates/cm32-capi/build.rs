//! With the feature `wasm3` (on by default): compiles wasm3 0.5.2 and `wasm3/cm32_wasm3.c` (wasm3
//! as a cm32 engine, written against `include/cm32.h`) into the library, with the system C
//! compiler. wasm3's sources come from the crates.io package `third_party/wasm3/` pins; cargo
//! says where it unpacked them (`scripts/wasm3-source.sh`, which fetches them on first use).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_WASM3").is_none() {
        return;
    }
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let script = crate_dir.join("../../scripts/wasm3-source.sh");
    println!("cargo:rerun-if-changed=wasm3/cm32_wasm3.c");
    println!("cargo:rerun-if-changed=include/cm32_wasm3.h");
    println!("cargo:rerun-if-changed=../../third_party/wasm3/Cargo.lock");
    let out =
        Command::new("bash").arg(&script).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    if !out.status.success() {
        panic!("{} failed: {}", script.display(), String::from_utf8_lossy(&out.stderr));
    }
    let source = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let mut build = cc::Build::new();
    build
        .include(&source)
        .include(crate_dir.join("include"))
        // 64-bit stack slots, as cm32's core values; no WASI or logging of wasm3's own.
        .define("d_m3Use32BitSlots", "0")
        .define("d_m3HasWASI", "0")
        .define("d_m3LogOutput", "0")
        .opt_level(2)
        .warnings(false);
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("m3_") && !name.starts_with("m3_api_") && name.ends_with(".c") {
            build.file(&path);
        }
    }
    build.file(crate_dir.join("wasm3/cm32_wasm3.c"));
    build.compile("cm32_wasm3");
}
