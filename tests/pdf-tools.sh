#!/usr/bin/env bash
# Checks the example reports with poppler (pdfinfo, pdffonts, pdftotext) and
# qpdf. Not part of `cargo test` because it needs those system tools;
# .ci/run installs them and runs this script.
set -uo pipefail
cd "$(dirname "$0")/.."

for tool in pdfinfo pdffonts pdftotext qpdf; do
  command -v "$tool" >/dev/null || { echo "saknar $tool: apt-get install poppler-utils qpdf" >&2; exit 2; }
done

cargo build --quiet
bin="$PWD/target/debug/granska"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r findings templates "$work/"

passed=0
failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}

"$bin" build "$work" >/dev/null || { echo "build failed" >&2; exit 1; }
mapfile -t pdfs < <(find "$work/output" -name '*.pdf' | sort)
check "two reports were built" test "${#pdfs[@]}" -eq 2

for pdf in "${pdfs[@]}"; do
  name=$(basename "$pdf")
  info=$(pdfinfo "$pdf" 2>/dev/null)
  check "$name is tagged" grep -q '^Tagged: *yes' <<<"$info"
  check "$name has a title" grep -q '^Title: *Granskning av ekonomiskt bistånd – ' <<<"$info"
  check "$name has more than one page" awk '/^Pages:/ { exit !($2 > 1) }' <<<"$info"
  check "$name embeds every font" awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' < <(pdffonts "$pdf" 2>/dev/null)
  check "$name passes qpdf --check" qpdf --check "$pdf" >/dev/null
  text=$(pdftotext -layout "$pdf" - 2>/dev/null)
  for section in "Metod" "Barnrättsanalys" "Jämställdhetsanalys" "Slutsatser" "Rekommendationer" "Källor"; do
    check "$name has section $section" grep -q "^ *[0-9]\+ $section\$" <<<"$text"
  done
done

echo "pdf-tools: $passed passed, $failed failed"
test "$failed" -eq 0
