#!/usr/bin/env bash
# Benchmarks granska against typst-cli (see bench/run.py). Not part of CI:
# installing typst-cli compiles it from crates.io (several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
if [ ! -x bench/.tools/bin/typst ]; then
  cargo install typst-cli --version 0.15.1 --locked --root bench/.tools
fi
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time
exec python3 bench/run.py "$@"
