#!/usr/bin/env bash
# Checks the JSON Schemas in the inspector's editor engine: taplo (npm
# @taplo/cli, the engine of Even Better TOML in VS Code) lints every example
# file clean, and reports bad-input cases on the same line as `granska
# check`, naming the wrong key or value (tests/editor/check.mjs). Not part
# of `cargo test`: it needs node and the npm package (`.ci/run` installs
# both).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x tests/editor/node_modules/.bin/taplo ] || npm ci --prefix tests/editor --no-audit --no-fund
cargo build --release --quiet
node tests/editor/check.mjs "$PWD/target/release/granska" "$PWD"
