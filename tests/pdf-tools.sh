#!/usr/bin/env bash
# Checks the example reports with poppler (pdfinfo, pdffonts, pdftotext) and
# qpdf, and the changes list of a fact-checking round (needs git). Not part
# of `cargo test` because it needs those system tools;
# .ci/run installs them and runs this script.
set -uo pipefail
cd "$(dirname "$0")/.."

for tool in pdfinfo pdffonts pdftotext qpdf; do
  command -v "$tool" >/dev/null || { echo "saknar $tool: apt-get install poppler-utils qpdf" >&2; exit 2; }
done

cargo build --release --quiet
bin="$PWD/target/release/granska"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r findings templates granska.toml "$work/"

passed=0
failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}

"$bin" build "$work" >/dev/null || { echo "build failed" >&2; exit 1; }
cp -r examples/solvik "$work/solvik"
"$bin" build "$work/solvik" >/dev/null || { echo "build of examples/solvik failed" >&2; exit 1; }
"$bin" build --utkast --datum 2026-11-20 "$work/solvik" >/dev/null || { echo "drafts of examples/solvik failed" >&2; exit 1; }
for example in uppfoljning-2014 arsrapport-2025; do
  cp -r "examples/$example" "$work/$example"
  "$bin" build "$work/$example" >/dev/null || { echo "build of examples/$example failed" >&2; exit 1; }
done
# A fact-checking round: the version sent is tagged, a text is changed, and
# the record of the changes is made.
(cd "$work/solvik" && git init -q . && git add findings &&
  git -c user.name=CI -c user.email=ci@example.invalid commit -q -m utkast && git tag faktagranskning) ||
  { echo "git failed" >&2; exit 1; }
sed -i '0,/Handläggarna har relevant/s//Alla handläggare har relevant/' "$work/solvik/findings/2024-ekonomiskt-bistand/solvik.toml"
(cd "$work/solvik" && "$bin" andringar faktagranskning --pdf >/dev/null) ||
  { echo "andringar of examples/solvik failed" >&2; exit 1; }
changes="$work/solvik/utkast/andringar-sedan-faktagranskning.pdf"
changes_text=$(pdftotext "$changes" - 2>/dev/null)
check "the changes list shows the new text" grep -q "Alla handläggare" <<<"$(tr '\n' ' ' <<<"$changes_text" | sed 's/\xc2\xad //g')"
check "the changes list names the file" grep -q "^Fil: findings/2024-ekonomiskt-bistand/solvik.toml$" <<<"$changes_text"
mapfile -t pdfs < <(find "$work/output" "$work/solvik/output" "$work/solvik/utkast" "$work/uppfoljning-2014/output" "$work/arsrapport-2025/output" -name '*.pdf' | sort)
# 2 + 2 district reports, the cover memo, the annual report; Solvik's report
# and memo, their drafts, and the changes since the fact-checking version;
# the city-wide 2014 follow-up; the 2025 reviews' two reports, the annual
# report and its memo.
check "sixteen documents were built" test "${#pdfs[@]}" -eq 16

for pdf in "${pdfs[@]}"; do
  name=$(basename "$pdf")
  info=$(pdfinfo "$pdf" 2>/dev/null)
  check "$name is tagged" grep -q '^Tagged: *yes' <<<"$info"
  check "$name has a title" grep -q '^Title: *[[:alpha:]]' <<<"$info"
  check "$name has pages" awk '/^Pages:/ { exit !($2 >= 1) }' <<<"$info"
  check "$name embeds every font" awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' < <(pdffonts "$pdf" 2>/dev/null)
  check "$name passes qpdf --check" qpdf --check "$pdf" >/dev/null
  meta=$(pdfinfo -meta "$pdf" 2>/dev/null)
  check "$name declares PDF/A-2b" grep -q '<pdfaid:part>2</pdfaid:part>' <<<"$meta"
  check "$name declares PDF/UA-1" grep -q '<pdfuaid:part>1</pdfuaid:part>' <<<"$meta"
  check "$name is in Swedish" grep -q '<rdf:li>sv-SE</rdf:li>' <<<"$meta"
  check "$name has no word joiner (U+2060) in its text" bash -c '! pdftotext "$1" - | grep -q $'"'"'\u2060'"'"'' _ "$pdf"
  # The 2014 follow-up has its own chapters, unnumbered, in its order.
  if [[ "$name" == *stadsovergripande* ]]; then
    text=$(pdftotext -layout "$pdf" - 2>/dev/null)
    order=$(grep -xE ' *(Förord|Kvalitetsparagrafen i socialtjänstlagen|Uppföljningens genomförande|Sammanfattning|Bakgrund|Resultatredovisning|Barnperspektiv|Jämställdhet|Socialtjänstinspektörernas synpunkter)' <<<"$text" | sed 's/^ *//' | tr '\n' '|')
    check "$name has the original's chapters in order" test "$order" = "Förord|Kvalitetsparagrafen i socialtjänstlagen|Uppföljningens genomförande|Sammanfattning|Bakgrund|Resultatredovisning|Barnperspektiv|Jämställdhet|Socialtjänstinspektörernas synpunkter|"
    continue
  fi
  # The section checks are for district reports (Solvik's have their own
  # quality areas).
  case "$name" in *tjansteutlatande*|arsrapport*|sn-*|andringar*|sof-*) continue ;; esac
  check "$name has more than one page" awk '/^Pages:/ { exit !($2 > 1) }' <<<"$info"
  text=$(pdftotext -layout "$pdf" - 2>/dev/null)
  for section in "Metod" "Barnrättsanalys" "Jämställdhetsanalys" "Slutsatser" "Rekommendationer" "Källor"; do
    check "$name has section $section" grep -q "^ *[0-9]\+ $section\$" <<<"$text"
  done
  # The sections come in reading order (after the table of contents).
  order=$(grep -E '^ *[0-9]+ (Metod|Kvalitetsområden|Barnrättsanalys|Jämställdhetsanalys|Slutsatser|Rekommendationer|Källor)$' <<<"$text" | sed 's/^ *[0-9]* //' | tr '\n' ' ')
  check "$name has its sections in order" test "$order" = "Metod Kvalitetsområden Barnrättsanalys Jämställdhetsanalys Slutsatser Rekommendationer Källor "
done

# Reproducible: a second build in another folder gives the same bytes.
work2=$(mktemp -d)
cp -r findings templates granska.toml "$work2/"
"$bin" build "$work2" -j 1 >/dev/null || { echo "second build failed" >&2; exit 1; }
cp -r examples/solvik "$work2/solvik"
"$bin" build "$work2/solvik" -j 1 >/dev/null || { echo "second build of examples/solvik failed" >&2; exit 1; }
"$bin" build --utkast --datum 2026-11-20 "$work2/solvik" -j 1 >/dev/null || { echo "second draft build of examples/solvik failed" >&2; exit 1; }
for example in uppfoljning-2014 arsrapport-2025; do
  cp -r "examples/$example" "$work2/$example"
  "$bin" build "$work2/$example" -j 1 >/dev/null || { echo "second build of examples/$example failed" >&2; exit 1; }
done
for pdf in "${pdfs[@]}"; do
  # The changes list names a commit, which is new in every run.
  case "$pdf" in *andringar*) continue ;; esac
  check "$(basename "$pdf") is byte-identical in a second build" cmp -s "$pdf" "$work2/${pdf#"$work/"}"
done
rm -rf "$work2"

echo "pdf-tools: $passed passed, $failed failed"
test "$failed" -eq 0
