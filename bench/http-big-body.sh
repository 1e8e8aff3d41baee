#!/usr/bin/env bash
# A 1 GiB body each way through `cm32 serve`, with the server's resident memory sampled every
# 50 ms: up through `/echo` (the guest copies the request body into its response, so the GiB
# comes back too), and down from `/stream?bytes=N`. Prints the bytes each transfer moved, its
# time, and the server's resident memory before and at its peak.
#
# Needs a release build and curl; ENGINE (default wasmtime; or wasmi), SIZE (default 1G, as
# `head -c` reads it) and BYTES (the same size in bytes, default 1073741824).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${ENGINE:-wasmtime}
size=${SIZE:-1G}
bytes=${BYTES:-1073741824}
port=18600
target/release/cm32 serve --addr "127.0.0.1:$port" --engine "$engine" guests/http-probe.wasm >/dev/null 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/nope" >/dev/null && break; sleep 0.1; done
kill -0 $pid 2>/dev/null || { echo "error: the server did not start (is port $port taken?)" >&2; exit 1; }
rss() { awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; }
# Samples the server's resident memory until the file $1 appears; prints the highest, in KiB.
peak_until() {
    local peak=0 now
    while [ ! -e "$1" ]; do
        now=$(rss)
        [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.05
    done
    echo "$peak"
}
echo "engine $engine; resident before: $(( $(rss) / 1024 )) MiB"
done_flag=$(mktemp -u)
peak_until "$done_flag" > "$done_flag.peak" &
sampler=$!
head -c "$size" /dev/zero |
    curl -sS -T - -H 'content-type: application/octet-stream' "http://127.0.0.1:$port/echo" -o /dev/null \
        -w 'up   /echo: sent %{size_upload} B, got back %{size_download} B, status %{http_code}, %{time_total} s\n'
touch "$done_flag"; wait $sampler
echo "  peak resident during the upload: $(( $(cat "$done_flag.peak") / 1024 )) MiB"
rm -f "$done_flag" "$done_flag.peak"
peak_until "$done_flag" > "$done_flag.peak" &
sampler=$!
curl -sS "http://127.0.0.1:$port/stream?bytes=$bytes" -o /dev/null \
    -w 'down /stream: got %{size_download} B, status %{http_code}, %{time_total} s\n'
touch "$done_flag"; wait $sampler
echo "  peak resident during the download: $(( $(cat "$done_flag.peak") / 1024 )) MiB"
rm -f "$done_flag" "$done_flag.peak"
