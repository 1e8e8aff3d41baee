#!/usr/bin/env bash
# Prints the directory of wasm3's C sources (wasm3 0.5.2, from the crates.io package
# `wasm3x-sys` pinned by third_party/wasm3/Cargo.lock), fetching the package first if cargo has
# not unpacked it yet.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
manifest=$(cargo metadata --locked --format-version 1 --manifest-path "$root/third_party/wasm3/Cargo.toml" |
    grep -o '"manifest_path":"[^"]*/wasm3x-sys-[^"/]*/Cargo.toml"' | head -n 1 | cut -d'"' -f4)
[ -n "$manifest" ] || { echo "error: cargo did not list the package wasm3x-sys" >&2; exit 1; }
echo "$(dirname "$manifest")/wasm3/source"
