#!/usr/bin/env bash
# Search benchmark (issue: client-side search; docs/benchmarks.md): generates
# hubs of 1,000 and 10,000 partners, builds them with haven, indexes the
# same pages with Pagefind, and prints index build time, index bytes, the
# gzip bytes a browser downloads for a first query with and without facets,
# and haven's query time in Chromium.
#
#   bash benches/search/run.sh            # 1,000 and 10,000 partners
#   bash benches/search/run.sh 1000       # one size
#
# Needs Node 18+ and Debian's Chromium (installed here when missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$repo/target/bench"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
# npm ci rejects this lock file (it lists only the installing platform's
# optional Pagefind binary), so install from it instead.
(cd "$here" && npm install --no-audit --no-fund --loglevel=error)
(cd "$repo" && cargo build --release --quiet)
haven="$repo/target/release/haven"

echo "# haven search vs Pagefind, $(date -u +%Y-%m-%d), $(nproc) cores, $(node --version), $("$chromium" --version 2>/dev/null | head -1)"
for partners in "${sizes[@]}"; do
  guides=$((partners / 20))
  hub="$work/corpus-$partners"
  site="$work/site-$partners"
  if [ ! -f "$hub/hub.yaml" ]; then
    node "$repo/benches/corpus/generate.mjs" --partners "$partners" --guides "$guides" --seed 1 --out "$hub" >/dev/null
  fi
  log="$("$haven" build --root "$hub" --output "$site" --today 2026-11-23 --verbose 2>&1)"
  index_ms="$(printf '%s\n' "$log" | awk '/search index/ {print $3}')"
  (cd "$here" && CHROMIUM="$chromium" node measure.mjs "$site" "$index_ms")
done
