#!/usr/bin/env bash
# Builds the C example (cm32-wasm3), the C API's tests (api_tests) and its benchmark (bench) against cm32's static library, with the system C compiler:
#   examples/c-wasm3/build.sh [OUT_DIR] [LIBDIR]
# OUT_DIR defaults to target/c-wasm3; LIBDIR (where libcm32.a is) to target/debug. Run
# `cargo build -p cm32-capi` first. wasm3's sources come from scripts/wasm3-source.sh; its
# objects are built once per OUT_DIR.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=${1:-$root/target/c-wasm3}
libdir=${2:-$root/target/debug}
cc=${CC:-cc}
wasm3=$("$root/scripts/wasm3-source.sh")
mkdir -p "$out/wasm3"
# wasm3 with 64-bit stack slots (cm32's core values are 64-bit slots too), without its own
# WASI and logging.
wasm3_flags=(-O2 -std=gnu11 -Dd_m3Use32BitSlots=0 -Dd_m3HasWASI=0 -Dd_m3LogOutput=0 -I"$wasm3" -w)
objects=()
for source in "$wasm3"/m3_*.c; do
    name=$(basename "$source" .c)
    case $name in m3_api_*) continue ;; esac
    object="$out/wasm3/$name.o"
    [ "$object" -nt "$source" ] || "$cc" "${wasm3_flags[@]}" -c "$source" -o "$object"
    objects+=("$object")
done
flags=(-O2 -std=gnu11 -Wall -Wextra -Werror -Dd_m3Use32BitSlots=0 -I"$root/crates/cm32-capi/include" -I"$wasm3"
    -I"$root/examples/c-wasm3")
libs=("$libdir/libcm32.a" -lpthread -ldl -lm)
"$cc" "${flags[@]}" "$root/examples/c-wasm3/run.c" "$root/examples/c-wasm3/cm32_wasm3.c" "${objects[@]}" "${libs[@]}" \
    -o "$out/cm32-wasm3"
"$cc" "${flags[@]}" "$root/examples/c-wasm3/api_tests.c" "$root/examples/c-wasm3/cm32_wasm3.c" "${objects[@]}" "${libs[@]}" \
    -o "$out/api_tests"
"$cc" "${flags[@]}" "$root/examples/c-wasm3/bench/bench.c" "$root/examples/c-wasm3/cm32_wasm3.c" "${objects[@]}" "${libs[@]}" \
    -o "$out/bench"
echo "$out"
