#!/usr/bin/env bash
# Full builds, haven against Hugo, on the same generated hub (docs/benchmarks.md
# ): wall time and peak memory (/usr/bin/time -v) of `haven build` and of
# `hugo --minify` on the equivalent Hugo site, alternating, several times.
#
#   bash benches/build/run.sh              # 1,000 and 10,000 partners, 500 guides
#   bash benches/build/run.sh 1000         # one size
#   REPS=3 GUIDES=50 bash benches/build/run.sh 1000
#   LIKE_HUGO=1 bash benches/build/run.sh  # also haven on the output Hugo's site has
#                                          # (English only, no open data)
#
# Installs Debian's hugo and GNU time when missing. Results: docs/benchmarks.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
reps="${REPS:-5}"
like_hugo="${LIKE_HUGO:-}"
per_rep=2
[ -n "$like_hugo" ] && per_rep=3
guides="${GUIDES:-500}"
work="${WORK:-${CARGO_TARGET_DIR:-$repo/target}/bench-build}"
case "$work" in /*) ;; *) work="$repo/$work" ;; esac

install() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y "$@" >/dev/null
  else
    sudo apt-get install -y "$@" >/dev/null
  fi
}
command -v hugo >/dev/null || { echo "== installing hugo (Debian package)"; install hugo; }
[ -x /usr/bin/time ] || { echo "== installing GNU time"; install time; }
command -v node >/dev/null || { echo "node is needed for the corpus generator" >&2; exit 2; }

echo "== building haven (release)"
(cd "$repo" && cargo build --release --quiet)
haven="${CARGO_TARGET_DIR:-$repo/target}/release/haven"
case "$haven" in /*) ;; *) haven="$repo/$haven" ;; esac

mkdir -p "$work"
results="$work/results.tsv"
tab=$'\t'
: > "$results"

# Runs a command under /usr/bin/time -v and appends "tool size seconds MB".
measure() {
  local tool="$1" size="$2"
  shift 2
  local report="$work/time.txt"
  /usr/bin/time -v -o "$report" "$@" >/dev/null
  awk -v tool="$tool" -v size="$size" '
    /Elapsed \(wall clock\) time/ {
      n = split($NF, part, ":"); seconds = 0
      for (i = 1; i <= n; i++) seconds = seconds * 60 + part[i]
    }
    /Maximum resident set size/ { kb = $NF }
    END { printf "%s\t%s\t%.2f\t%.0f\n", tool, size, seconds, kb / 1024 }
  ' "$report" >> "$results"
}

# Every run writes into a folder of its own, and no output is deleted until
# the end: on a file system without a journal (this VM's ext4), creating
# files within a minute or so of deleting tens of thousands makes ext4 skip
# past each recently deleted inode, which measured the previous run's
# clean-up rather than the tool (a fifth of haven's CPU time in a profile).
# Outputs of an earlier invocation are moved aside first, deleted last.
trash="$work/trash"
mkdir -p "$trash"
for old in "$work"/out-*; do
  if [ -e "$old" ]; then mv "$old" "$trash/$(basename "$old")-$$-$RANDOM"; fi
done
run=0
out_haven="" out_hugo=""

run_haven() {
  run=$((run + 1))
  out_haven="$work/out-haven-$1-$run"
  measure haven "$1" "$haven" build --root "$work/hub-$1" --output "$out_haven" --today 2026-11-23 --quiet
}

# The same hub with only what sets haven's output most apart from Hugo's
# turned off: the Spanish edition and the open data.
run_haven_like_hugo() {
  run=$((run + 1))
  measure haven-like-hugo "$1" "$haven" build --root "$work/hub-$1-like-hugo" \
    --output "$work/out-haven-like-hugo-$1-$run" --today 2026-11-23 --quiet
}

run_hugo() {
  run=$((run + 1))
  out_hugo="$work/out-hugo-$1-$run"
  measure hugo "$1" hugo --minify --quiet --source "$work/hugo-$1" --destination "$out_hugo"
}

for size in "${sizes[@]}"; do
  echo "== corpus: $size partners, $guides guides"
  node "$repo/benches/corpus/generate.mjs" --partners "$size" --guides "$guides" --seed 1 \
    --out "$work/hub-$size" --hugo "$work/hugo-$size" >/dev/null
  if [ -n "$like_hugo" ]; then
    rm -rf "$work/hub-$size-like-hugo"
    cp -r "$work/hub-$size" "$work/hub-$size-like-hugo"
    sed -i 's/^languages: .*/languages: [en]/; s/^  export: true/  export: false/' \
      "$work/hub-$size-like-hugo/hub.yaml"
  fi
  echo "== warming up (not counted)"
  run_haven "$size"
  run_hugo "$size"
  if [ -n "$like_hugo" ]; then run_haven_like_hugo "$size"; fi
  : > "$results.tmp" && grep -v "$tab$size$tab" "$results" > "$results.tmp" || true
  mv "$results.tmp" "$results"
  for rep in $(seq 1 "$reps"); do
    # Alternate which tool goes first, so neither always gets a warmer cache.
    if [ $((rep % 2)) -eq 1 ]; then run_haven "$size"; run_hugo "$size"; else run_hugo "$size"; run_haven "$size"; fi
    if [ -n "$like_hugo" ]; then run_haven_like_hugo "$size"; fi
    echo "   run $rep/$reps: $(grep "$tab$size$tab" "$results" | tail -"$per_rep" | awk '{printf "%s %ss %sMB  ", $1, $3, $4}')"
  done
  files_haven=$(find "$out_haven" -type f | wc -l)
  files_hugo=$(find "$out_hugo" -type f | wc -l)
  echo "   output: haven $files_haven files ($(du -sh "$out_haven" | cut -f1)), hugo $files_hugo files ($(du -sh "$out_hugo" | cut -f1))"
done
echo "== deleting the outputs"
for out in "$work"/out-*; do
  if [ "$out" != "$out_haven" ] && [ "$out" != "$out_hugo" ]; then mv "$out" "$trash/"; fi
done
rm -rf "$trash"

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(hugo version | cut -d' ' -f1-2); haven $("$haven" --version | cut -d' ' -f2)"
echo
node - "$results" "$reps" <<'EOF'
const fs = require("node:fs");
const [file, reps] = process.argv.slice(2);
const rows = fs.readFileSync(file, "utf8").trim().split("\n").map((line) => line.split("\t"));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sizes = [...new Set(rows.map((row) => row[1]))];
const stat = (tool, size, column) => rows.filter((r) => r[0] === tool && r[1] === size).map((r) => Number(r[column]));
console.log(`| partners | haven wall (median of ${reps}, min–max) | Hugo wall | haven / Hugo | haven peak memory | Hugo peak memory |`);
console.log("|---:|---:|---:|---:|---:|---:|");
const medians = {};
for (const size of sizes) {
  const haven = stat("haven", size, 2), hugo = stat("hugo", size, 2);
  medians[size] = median(haven);
  const range = (v) => `${median(v).toFixed(2)} s (${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)})`;
  console.log(`| ${Number(size).toLocaleString("en")} | ${range(haven)} | ${range(hugo)} | ${(median(haven) / median(hugo)).toFixed(2)} | ${Math.max(...stat("haven", size, 3))} MB | ${Math.max(...stat("hugo", size, 3))} MB |`);
}
if (rows.some((r) => r[0] === "haven-like-hugo")) {
  console.log("\nhaven on the hub without its Spanish edition and open data (LIKE_HUGO=1):\n");
  console.log("| partners | haven, English only, no open data | haven / Hugo | peak memory |");
  console.log("|---:|---:|---:|---:|");
  for (const size of sizes) {
    const like = stat("haven-like-hugo", size, 2), hugo = stat("hugo", size, 2);
    if (like.length === 0) continue;
    console.log(`| ${Number(size).toLocaleString("en")} | ${median(like).toFixed(2)} s (${Math.min(...like).toFixed(2)}–${Math.max(...like).toFixed(2)}) | ${(median(like) / median(hugo)).toFixed(2)} | ${Math.max(...stat("haven-like-hugo", size, 3))} MB |`);
  }
}
const numeric = sizes.map(Number).sort((a, b) => a - b);
if (numeric.length >= 2) {
  const [small, large] = [numeric[0], numeric[numeric.length - 1]];
  const growth = medians[large] / medians[small];
  console.log(`\nhaven growth ${small.toLocaleString("en")} → ${large.toLocaleString("en")} partners: ×${growth.toFixed(1)} time for ×${(large / small).toFixed(0)} partners (linear: ×${(large / small).toFixed(0)} or less)`);
}
EOF
