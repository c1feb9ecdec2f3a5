#!/usr/bin/env bash
# Compares a cold build of the examples against the granska of a baseline
# commit (see bench/compare.py). Usage: bench/compare.sh REF [LABEL]
# The baseline is built in a git worktree under bench/.tools/ (several
# minutes the first time). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?usage: bench/compare.sh REF [LABEL]}
commit=$(git rev-parse --short "$ref")
tree=bench/.tools/baseline-$commit
[ -d "$tree" ] || git worktree add --detach "$tree" "$commit" >/dev/null
cargo build --release --quiet
cargo build --release --quiet --manifest-path "$tree/Cargo.toml" --target-dir bench/.tools/baseline-target
exec python3 bench/compare.py bench/.tools/baseline-target/release/granska "$ref" "${2:-this checkout}"
