#!/usr/bin/env bash
# Checks the HTML editions in a real browser: builds the example projects,
# then tests/browser/check.mjs opens every page in headless Chromium (axe-core
# WCAG 2.1 A/AA, reflow at 320 px, nothing fetched from outside), drafts and
# the changes list included, and saves a screenshot of each page's first
# screen in output/skarmbilder/; tests/browser/pa11y.mjs checks the same
# pages with a second engine (pa11y, HTML_CodeSniffer). Not part of `cargo test`: it needs Debian's
# chromium, git and the npm packages in tests/browser/ (`.ci/run` installs
# them).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "saknar chromium: apt-get install chromium" >&2; exit 2; }
# pa11y brings puppeteer, which would download a browser of its own.
export PUPPETEER_SKIP_DOWNLOAD=true
[ -d tests/browser/node_modules/pa11y ] || npm ci --prefix tests/browser --no-audit --no-fund

cargo build --release --quiet
bin="$PWD/target/release/granska"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r findings granska.toml "$work/"
cp -r examples/solvik "$work/solvik"
"$bin" build "$work" >/dev/null
"$bin" build "$work/solvik" >/dev/null
for example in uppfoljning-2014 arsrapport-2025; do
  cp -r "examples/$example" "$work/$example"
  "$bin" build "$work/$example" >/dev/null
done
# The version sent for fact-checking is tagged in git ...
(cd "$work/solvik" && git init -q . && git add findings &&
  git -c user.name=CI -c user.email=ci@example.invalid commit -q -m utkast && git tag faktagranskning)
# ... drafts are made with a TODO left in a text (highlighted on the page),
# and the list of what changed since the tag.
sed -i '0,/^text = """/s//text = """TODO: /' "$work/solvik/findings/2024-ekonomiskt-bistand/solvik.toml"
"$bin" build --utkast "$work/solvik" >/dev/null
(cd "$work/solvik" && "$bin" andringar faktagranskning --pdf >/dev/null)

# A new district, untouched: its draft shows "TODO" for every text, count
# and level.
(cd "$work" && "$bin" new 2011-ekonomiskt-bistand "Nytt distrikt" >/dev/null)
"$bin" build --utkast "$work" >/dev/null

pages=("$work/output" "$work/utkast" "$work/solvik/output" "$work/solvik/utkast" "$work/uppfoljning-2014/output" "$work/arsrapport-2025/output")
node tests/browser/check.mjs output/skarmbilder "${pages[@]}"
# A second engine: pa11y with HTML_CodeSniffer (false positives, if any,
# are listed with why in tests/browser/pa11y-undantag.json).
node tests/browser/pa11y.mjs "${pages[@]}"

# The live preview (`watch --visa`) on a copy of its own.
preview=$(mktemp -d)
trap 'rm -rf "$work" "$preview"' EXIT
cp -r findings granska.toml "$preview/"
node tests/browser/preview.mjs "$bin" "$preview"
