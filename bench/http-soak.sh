#!/usr/bin/env bash
# A soak of `cm32 serve`: 10^5 requests, of which 9800 trap and 200 run past a 100 ms deadline,
# sent by three `oha` runs at once. Prints each run's status codes (every request must get its
# answer: 200, 500 or 504), the server's resident memory before, during and after, and the
# kinds of failure its log gives, counted.
#
# Needs a release build, `oha`, and ENGINE (default wasmtime; or wasmi).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${ENGINE:-wasmtime}
port=18500
log=$(mktemp)
target/release/cm32 serve --addr "127.0.0.1:$port" --engine "$engine" -W timeout=100ms --max-concurrent 64 \
    guests/http-probe.wasm >/dev/null 2>"$log" &
pid=$!
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/nope" >/dev/null && break; sleep 0.1; done
kill -0 $pid 2>/dev/null || { echo "error: the server did not start (is port $port taken?)" >&2; exit 1; }
rss() { awk '/VmRSS/ { print $2 / 1024 " MiB" }' "/proc/$pid/status"; }
# Warm up, so that "before" counts what a server holds once it has served.
oha --no-tui -n 2000 -c 32 "http://127.0.0.1:$port/stream?bytes=1000" >/dev/null
echo "resident before: $(rss)"
run() {
    oha --no-tui --output-format json -n "$1" -c "$2" "http://127.0.0.1:$port$3" |
        python3 -c 'import json, sys; r = json.load(sys.stdin); print(sys.argv[1], r["statusCodeDistribution"], "errors:", r.get("errorDistribution", {}))' "$3"
}
run 90000 32 "/stream?bytes=1000" &
run 9800 8 /trap &
run 200 4 /loop &
sleep 5
echo "resident during: $(rss)"
wait %2 %3 %4
echo "resident after: $(rss)"
kill -TERM $pid
wait $pid
echo "failures in the server's log, by kind:"
grep '^error: ' "$log" | sed -E 's/: wasm .*//; s/ \(timeout=.*//; s/ \(in .*//' | sort | uniq -c
rm -f "$log"
