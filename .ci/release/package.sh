#!/usr/bin/env bash
# Packages haven for one target as a release archive: the `haven` binary,
# README.md and the licenses, as haven-vVERSION-TARGET.tar.gz (.zip for
# Windows), and the archive's line in SHA256SUMS next to it. The release
# workflow (.github/workflows/release.yml) runs it once per target; it runs
# the same way on a laptop.
#
#   bash .ci/release/package.sh TARGET [--binary PATH] [--out DIR]
#
# TARGET is a Rust target triple (x86_64-unknown-linux-musl, ...). Without
# --binary the binary is built with `cargo build --release --locked
# --target TARGET`; with it, that file is packaged as it is (tests package
# the binary they already built). --out defaults to target/release-packages.
set -euo pipefail

usage() { echo "usage: bash .ci/release/package.sh TARGET [--binary PATH] [--out DIR]" >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1
shift
binary=""
out=""
while [ $# -gt 0 ]; do
  case $1 in
    --binary) [ $# -ge 2 ] || usage; binary=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    *) usage ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
out=${out:-$root/target/release-packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
[ -n "$version" ] || { echo "package.sh: no version in Cargo.toml" >&2; exit 1; }

case $target in
  *windows*) exe=haven.exe ;;
  *) exe=haven ;;
esac
if [ -z "$binary" ]; then
  (cd "$root" && cargo build --release --locked --target "$target")
  binary=$root/target/$target/release/$exe
fi
[ -f "$binary" ] || { echo "package.sh: no binary at $binary" >&2; exit 1; }

name=haven-v$version-$target
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp "$root/README.md" "$root/docs/licenses/LICENSE-MIT" "$root/docs/licenses/LICENSE-APACHE" \
  "$root/docs/licenses/THIRD-PARTY.md" "$stage/$name/"

case $target in
  *windows*)
    archive=$name.zip
    rm -f "$out/$archive"
    if command -v zip >/dev/null 2>&1; then
      (cd "$stage" && zip -qrX "$out/$archive" "$name")
    else
      # Windows runners have 7-Zip, not zip.
      (cd "$stage" && 7z a -tzip -bd "$out/$archive" "$name" >/dev/null)
    fi
    ;;
  *)
    archive=$name.tar.gz
    if tar --version 2>/dev/null | grep -q GNU; then
      # Order, owner and times fixed, so the same files make the same
      # archive.
      (cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner \
        --mtime='2026-01-01 00:00:00Z' -cf - "$name" | gzip -n -9 > "$out/$archive")
    else
      # macOS's tar.
      (cd "$stage" && tar --uid 0 --gid 0 -cf - "$name" | gzip -n -9 > "$out/$archive")
    fi
    ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
  sum=$(cd "$out" && sha256sum "$archive")
else
  sum=$(cd "$out" && shasum -a 256 "$archive")
fi
# One line per archive: a package made again replaces its line.
touch "$out/SHA256SUMS"
grep -v "  $archive\$" "$out/SHA256SUMS" > "$out/SHA256SUMS.new" || true
echo "$sum" >> "$out/SHA256SUMS.new"
sort -k 2 "$out/SHA256SUMS.new" > "$out/SHA256SUMS"
rm "$out/SHA256SUMS.new"
echo "$out/$archive"
