#!/usr/bin/env bash
# A host call on wasm3 through cm32's C API next to a raw wasm3 host function, in one process
# (examples/c-wasm3/bench/bench.c). Needs a C compiler and wasm-tools (for the WAT); builds
# libcm32.a in release first.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p cm32-capi
out=target/c-wasm3-release
examples/c-wasm3/build.sh "$out" target/release >/dev/null
wasm-tools parse examples/c-wasm3/bench/spin-raw.wat -o "$out/spin-raw.wasm"
wasm-tools parse examples/c-wasm3/bench/spin.wat -o "$out/spin.wasm"
"$out/bench" "$out/spin-raw.wasm" "$out/spin.wasm" examples/c-wasm3/bench/spin.wit "${CALLS:-2000000}"
