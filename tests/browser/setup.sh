#!/usr/bin/env bash
# What the browser tests and the screenshot script need, installed if
# missing: Debian's Chromium (no browser download), a Java runtime for the
# Nu HTML Checker, and the npm packages of package-lock.json. Sourced by
# run.sh and screenshots.sh with `here` set to this folder; sets `chromium`.
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== installing Debian's chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi

if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime (for the Nu HTML Checker)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq default-jre-headless >/dev/null
fi

echo "== installing playwright-core, axe-core and the Nu HTML Checker"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

