#!/usr/bin/env bash
# The open data as a standard tool reads it: Frictionless validates the HSDS
# tabular data package of the example site and of a hub imported from real
# 211 / HSDS exports (tests/fixtures/hsds/). Installs Frictionless from PyPI
# into target/frictionless (no system Python packages are touched).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/target/frictionless"
version="5.21.0"

if [ ! -x "$venv/bin/frictionless" ] || ! "$venv/bin/frictionless" --version | grep -qx "$version"; then
  echo "== installing frictionless $version"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "frictionless==$version"
fi

work="$repo/target/package-check"
rm -rf "$work"
mkdir -p "$work"
haven() { (cd "$repo" && cargo run --quiet -- "$@"); }

validate() {
  local site="$1"
  echo "== frictionless validate ${site#"$repo"/}/data/hsds/datapackage.json"
  if ! "$venv/bin/frictionless" validate --json "$site/data/hsds/datapackage.json" >"$site.report.json"; then
    python3 - "$site.report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
for task in report.get("tasks", []):
    for error in task.get("errors", [])[:5]:
        print(f"  {task['name']}: {error['message']}")
EOF
    exit 1
  fi
}

haven build --root example-site --today 2026-11-23 --output "$work/example" --quiet
validate "$work/example"

# A hub imported from every real export among the fixtures, published as a
# coalition would after review.
for source in "$repo"/tests/fixtures/hsds/real-*/; do
  [ -d "$source" ] || continue
  name="$(basename "$source")"
  hub="$work/$name-hub"
  haven init "$hub" --ci none >/dev/null
  rm "$hub/partners/example-partner.yaml"
  haven import hsds "$source" --into "$hub" --today 2026-11-23 --quiet
  haven publish --root "$hub" --all --today 2026-11-23 --quiet
  haven build --root "$hub" --today 2026-11-23 --output "$work/$name" --quiet
  validate "$work/$name"
done
echo "== data packages valid"
