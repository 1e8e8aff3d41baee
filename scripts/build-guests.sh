#!/usr/bin/env bash
# Rebuilds the guest programs under guests/ and copies the results next to their sources:
#   guests/NAME.wasm       the component `cargo build --target wasm32-wasip2` makes
#   guests/NAME.core.wasm  the same program as a legacy core module (--skip-wit-component)
# The wasi:http/proxy guests (http-*) are libraries and only get the component.
# Needs: rustup target add wasm32-wasip2. CI never runs this; it uses the committed .wasm files.
# The fixtures in other languages and forms are built by scripts/build-fixtures.sh.
set -euo pipefail
cd "$(dirname "$0")/../guests"
for dir in */; do
  name=${dir%/}
  [ -f "$name/Cargo.toml" ] || continue
  case $name in  # the fixtures that scripts/build-fixtures.sh builds
    p1-probe | p2-mixed | compose-lib | compose-app | all-types) continue ;;
  esac
  echo "building $name"
  (cd "$name" && cargo build --quiet --release --target wasm32-wasip2)
  case $name in
    http-hello | http-probe)
      # A proxy exports a handler, not a main, so it is a cdylib, whose file cargo names with `_` for
      # `-`. There is no core-module way to serve HTTP, so there is no .core.wasm to make either.
      cp "$name/target/wasm32-wasip2/release/${name//-/_}.wasm" "$name.wasm"
      continue ;;
  esac
  cp "$name/target/wasm32-wasip2/release/$name.wasm" "$name.wasm"
  (cd "$name" && RUSTFLAGS="-C link-arg=--skip-wit-component" \
    cargo build --quiet --release --target wasm32-wasip2 --target-dir target/core)
  cp "$name/target/core/wasm32-wasip2/release/$name.wasm" "$name.core.wasm"
done
ls -l ./*.wasm
