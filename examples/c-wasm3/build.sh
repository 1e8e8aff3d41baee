#!/usr/bin/env bash
# Builds the C example (cm32-wasm3), the C API's tests (api_tests) and its benchmark (bench)
# against cm32's static library, with the system C compiler:
#   examples/c-wasm3/build.sh [OUT_DIR] [LIBDIR]
# OUT_DIR defaults to target/c-wasm3; LIBDIR (where libcm32.a is) to target/debug. Run
# `cargo build -p cm32-capi` first: with its default feature `wasm3`, the library has wasm3 and
# its cm32 engine (include/cm32_wasm3.h) built in.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=${1:-$root/target/c-wasm3}
libdir=${2:-$root/target/debug}
cc=${CC:-cc}
# The benchmark also calls wasm3 directly, through its own headers.
wasm3=$("$root/scripts/wasm3-source.sh")
mkdir -p "$out"
flags=(-O2 -std=gnu11 -Wall -Wextra -Werror -Dd_m3Use32BitSlots=0 -I"$root/crates/cm32-capi/include" -I"$wasm3")
libs=("$libdir/libcm32.a" -lpthread -ldl -lm)
"$cc" "${flags[@]}" "$root/examples/c-wasm3/run.c" "${libs[@]}" -o "$out/cm32-wasm3"
"$cc" "${flags[@]}" "$root/examples/c-wasm3/api_tests.c" "${libs[@]}" -o "$out/api_tests"
"$cc" "${flags[@]}" "$root/examples/c-wasm3/bench/bench.c" "${libs[@]}" -o "$out/bench"
echo "$out"
