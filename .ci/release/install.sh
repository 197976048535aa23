#!/bin/sh
# Installs haven from a release: picks the archive for this machine,
# downloads it with the release's SHA256SUMS, refuses it unless its SHA-256
# is the one listed, and puts `haven` in PREFIX/bin.
#
#   curl -sSfL RELEASES/latest/download/install.sh | sh -s -- --version 0.1.0
#   sh install.sh [--version X.Y.Z] [--prefix DIR] [--from URL]
#
# --version  the release, e.g. 0.1.0 (default: $HAVEN_VERSION)
# --prefix   where to install: PREFIX/bin/haven (default: $HAVEN_PREFIX,
#            else ~/.haven)
# --from     the address releases are downloaded from (default:
#            $HAVEN_RELEASES, else haven's own releases); the archive is
#            FROM/vVERSION/haven-vVERSION-TARGET.tar.gz, so a mirror (or a
#            folder served on 127.0.0.1) only has to keep that layout.
# Plain POSIX sh: curl or wget, tar, and sha256sum or shasum.
set -eu

RELEASES_DEFAULT="https://github.com/haven-hub/haven/releases/download"

version=${HAVEN_VERSION:-}
prefix=${HAVEN_PREFIX:-${HOME:-.}/.haven}
from=${HAVEN_RELEASES:-$RELEASES_DEFAULT}

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
    --version) [ $# -ge 2 ] || fail "--version needs a value"; version=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || fail "--prefix needs a value"; prefix=$2; shift 2 ;;
    --from) [ $# -ge 2 ] || fail "--from needs a value"; from=$2; shift 2 ;;
    *) fail "unknown option $1 (see the comment at the top of this script)" ;;
  esac
done
version=${version#v}
[ -n "$version" ] || fail "say which release: --version 0.1.0 (or set HAVEN_VERSION)"

case "$(uname -s)" in
  Linux) os=unknown-linux-musl ;;
  Darwin) os=apple-darwin ;;
  *) fail "no release archive for $(uname -s); on Windows download the .zip from the release page, elsewhere: cargo install --locked haven-hub" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no release archive for a $(uname -m) processor; build from source: cargo install --locked haven-hub" ;;
esac
target=${HAVEN_TARGET:-$arch-$os}
archive=haven-v$version-$target.tar.gz
base=${from%/}/v$version

download() {
  if command -v curl >/dev/null 2>&1; then
    curl -sSfL -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "neither curl nor wget is installed"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
download "$base/$archive" "$work/$archive" || fail "cannot download $base/$archive"
download "$base/SHA256SUMS" "$work/SHA256SUMS" || fail "cannot download $base/SHA256SUMS"

expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS of v$version lists no $archive"
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$work/$archive" | awk '{ print $1 }')
elif command -v shasum >/dev/null 2>&1; then
  actual=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
else
  fail "neither sha256sum nor shasum is installed, so the download cannot be checked"
fi
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $archive: expected $expected, got $actual. The download is damaged or not the published release; nothing was installed."
fi

tar -xzf "$work/$archive" -C "$work"
mkdir -p "$prefix/bin"
# Into place in one step, so a running haven is never half overwritten.
cp "$work/haven-v$version-$target/haven" "$prefix/bin/haven.new"
chmod 755 "$prefix/bin/haven.new"
mv -f "$prefix/bin/haven.new" "$prefix/bin/haven"
echo "installed haven $version to $prefix/bin/haven"
case ":${PATH:-}:" in
  *":$prefix/bin:"*) ;;
  *) echo "add it to your PATH: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
