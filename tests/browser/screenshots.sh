#!/usr/bin/env bash
# Screenshots of every page kind of the example site, as people see it on a
# first screen: 360x640 and 390x844 phones and a 1280x800 desktop, English
# and Spanish, light and dark. Writes one PNG per view and one contact
# sheet per page kind (sheet-<kind>.jpg) to the folder given (default
# target/screenshots). Usage: bash tests/browser/screenshots.sh [OUT]
# (FULL_PAGE=1: each page whole, to compare a change pixel for pixel)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$(mkdir -p "${1:-$repo/target/screenshots}" && cd "${1:-$repo/target/screenshots}" && pwd)"

source "$here/setup.sh"

echo "== building the example site"
site="$repo/target/screenshot-site"
(cd "$repo" && cargo run --quiet -- build --root example-site --today 2026-11-23 --output "$site" --quiet)

echo "== taking screenshots into $out"
cd "$here"
HAVEN_SITE="$site" CHROMIUM="$chromium" node screenshots.js "$out"
