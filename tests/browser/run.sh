#!/usr/bin/env bash
# Browser tests of the built example site: quick exit, privacy, and
# accessibility (axe-core, Nu HTML Checker, reflow, page weight).
# Installs what it needs: Debian's Chromium (no browser download) and
# playwright-core from npm, then builds the site and runs node's test runner.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

source "$here/setup.sh"

echo "== building the example site"
site="$repo/target/browser-site"
(cd "$repo" && cargo run --quiet -- build --root example-site --today 2026-11-23 --output "$site" --quiet)
# The same site for file:// (portable) and with the search index split
# into shards, as a 10,000-partner hub would get it.
portable="$repo/target/browser-site-portable"
(cd "$repo" && cargo run --quiet -- build --root example-site --today 2026-11-23 --output "$portable" --portable --quiet)
sharded_hub="$repo/target/browser-hub-sharded"
rm -rf "$sharded_hub"
mkdir -p "$sharded_hub"
(cd "$repo/example-site" && tar --exclude=./public -cf - .) | (cd "$sharded_hub" && tar -xf -)
sed -i 's/^search:$/search:\n  layout: sharded/' "$sharded_hub/hub.yaml"
sharded="$repo/target/browser-site-sharded"
(cd "$repo" && cargo run --quiet -- build --root "$sharded_hub" --today 2026-11-23 --output "$sharded" --quiet)

# A hub written by others: the real 211 Miami extract, imported and
# published as a coalition would (for the relevance test set).
miami_hub="$repo/target/browser-hub-miami211"
miami="$repo/target/browser-site-miami211"
rm -rf "$miami_hub"
(cd "$repo" && cargo run --quiet -- init "$miami_hub" --ci none >/dev/null)
rm "$miami_hub/partners/example-partner.yaml"
(cd "$repo" && cargo run --quiet -- import hsds tests/fixtures/hsds/real-miami211 --into "$miami_hub" --today 2026-11-23 --quiet)
(cd "$repo" && cargo run --quiet -- publish --all --root "$miami_hub" --today 2026-11-23 --quiet)
(cd "$repo" && cargo run --quiet -- build --root "$miami_hub" --today 2026-11-23 --output "$miami" --quiet)

echo "== browser tests"
# haven itself, for the tests of `haven serve` (built by the commands above).
haven_bin="${CARGO_TARGET_DIR:-$repo/target}/debug/haven"
case "$haven_bin" in /*) ;; *) haven_bin="$repo/$haven_bin" ;; esac
cd "$here"
HAVEN_BIN="$haven_bin" HAVEN_SITE="$site" HAVEN_MIAMI_SITE="$miami" HAVEN_PORTABLE_SITE="$portable" HAVEN_SHARDED_SITE="$sharded" CHROMIUM="$chromium" node --test --test-concurrency=1 "$@"
