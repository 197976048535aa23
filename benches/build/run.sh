#!/usr/bin/env bash
# Full builds of equal sites (docs/benchmarks.md): haven, Hugo and Zola build
# the same generated hub (both languages, a page per partner and guide, the
# partner listing, the service-area, population, language and county pages,
# a JSON file of every partner; benches/corpus/hugo.mjs and zola.mjs), in
# turn, several times; wall time and peak memory from /usr/bin/time -v, the
# output's bytes and files, and the ratios.
#
#   bash benches/build/run.sh              # 1,000 and 10,000 partners, 500 guides
#   bash benches/build/run.sh 1000         # one size
#   REPS=3 GUIDES=50 bash benches/build/run.sh 1000
#   REPS=3 REPS_10000=1 bash benches/build/run.sh   # fewer runs of one size
#   ZOLA=/path/to/zola bash benches/build/run.sh
#   SERVE=0 bash benches/build/run.sh      # without the serve benchmark at the end
#
# It ends with haven's output against the size budget (at most 500 MB of
# files for 10,000 bilingual partners with open data) and the median time of
# a one-partner edit in `haven serve` on 1,000 partners (budget 50 ms,
# `cargo bench --bench serve_rebuild`).
#
# Installs Debian's hugo and GNU time when missing. Zola is not packaged by
# Debian: give its binary with ZOLA=, or build it once from its source
# release with cargo (`cargo install --locked --root target/zola zola` from a
# checkout of github.com/getzola/zola); target/zola/bin/zola or
# target/zola/release/zola is used when present. Without one, Zola is
# skipped and the script says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
reps="${REPS:-5}"
guides="${GUIDES:-500}"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
work="${WORK:-$target/bench-build}"
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
zola="${ZOLA:-}"
if [ -z "$zola" ]; then
  for candidate in "$target/zola/bin/zola" "$target/zola/release/zola"; do
    if [ -x "$candidate" ]; then zola="$candidate"; break; fi
  done
fi
if [ -z "$zola" ]; then
  echo "== no Zola binary (set ZOLA=/path/to/zola, or see the top of this script): Zola is skipped"
fi
echo "== building haven (release)"
(cd "$repo" && cargo build --release --quiet)
haven="$target/release/haven"

# First, before any full build: deleting tens of thousands of output files
# slows the next file creations on this VM (see the comment on outputs).
serve=""
if [ "${SERVE:-1}" != 0 ]; then
  echo "== haven serve: a one-partner edit on 1,000 partners"
  serve="$(cd "$repo" && cargo bench --quiet --bench serve_rebuild 2>/dev/null | tail -1)"
  echo "   $serve"
fi

mkdir -p "$work"
results="$work/results.tsv"
: > "$results"
: > "$work/zipped.tsv"
# Runs a command under /usr/bin/time -v and appends
# "tool size seconds MB bytes files" (the output folder is the last word).
measure() {
  local tool="$1" size="$2" out="$3"
  shift 3
  local report="$work/time.txt"
  /usr/bin/time -v -o "$report" "$@" >/dev/null
  local bytes files file_bytes
  bytes=$(du -sb "$out" | cut -f1)
  files=$(find "$out" -type f | wc -l)
  # The files' own bytes: what a host stores and GitLab Pages counts.
  file_bytes=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
  awk -v tool="$tool" -v size="$size" -v bytes="$bytes" -v files="$files" -v file_bytes="$file_bytes" '
    /Elapsed \(wall clock\) time/ {
      n = split($NF, part, ":"); seconds = 0
      for (i = 1; i <= n; i++) seconds = seconds * 60 + part[i]
    }
    /Maximum resident set size/ { kb = $NF }
    END { printf "%s\t%s\t%.2f\t%.0f\t%s\t%s\t%s\n", tool, size, seconds, kb / 1024, bytes, files, file_bytes }
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
run_haven() {
  run=$((run + 1))
  local out="$work/out-haven-$1-$run"
  measure haven "$1" "$out" "$haven" build --root "$work/hub-$1" --output "$out" --today 2026-11-23 --quiet
}
run_hugo() {
  run=$((run + 1))
  local out="$work/out-hugo-$1-$run"
  measure hugo "$1" "$out" hugo --minify --quiet --source "$work/hugo-$1" --destination "$out"
}
run_zola() {
  [ -n "$zola" ] || return 0
  run=$((run + 1))
  local out="$work/out-zola-$1-$run"
  measure zola "$1" "$out" "$zola" --root "$work/zola-$1" build --output-dir "$out"
}
tools=(run_haven run_hugo run_zola)

for size in "${sizes[@]}"; do
  echo "== corpus: $size partners, $guides guides"
  node "$repo/benches/corpus/generate.mjs" --partners "$size" --guides "$guides" --seed 1 \
    --out "$work/hub-$size" --hugo "$work/hugo-$size" --zola "$work/zola-$size" >/dev/null
  echo "== warming up (not counted)"
  for tool in "${tools[@]}"; do "$tool" "$size"; done
  : > "$results.tmp" && grep -v $'\t'"$size"$'\t' "$results" > "$results.tmp" || true
  mv "$results.tmp" "$results"
  # REPS_<size> overrides REPS for one size (Zola takes minutes a build
  # at 10,000 partners).
  size_reps_name="REPS_$size"
  size_reps="${!size_reps_name:-$reps}"
  for rep in $(seq 1 "$size_reps"); do
    # Each tool goes first in turn, so none always gets a warmer cache.
    for i in 0 1 2; do "${tools[$(((rep + i) % 3))]}" "$size"; done
    echo "   run $rep/$size_reps: $(grep $'\t'"$size"$'\t' "$results" | tail -3 | awk '{printf "%s %ss %sMB  ", $1, $3, $4}')"
  done
  # What GitHub Pages weighs against its 1 GB: the upload, a tar archive
  # of the site zipped at the default level (actions/upload-pages-artifact).
  last_haven="$(ls -d "$work"/out-haven-"$size"-* | tail -1)"
  printf '%s\t%s\n' "$size" "$(tar -cf - -C "$last_haven" . | gzip -6 | wc -c)" >> "$work/zipped.tsv"
done
echo "== deleting the outputs"
mv "$work"/out-* "$trash/" 2>/dev/null || true
rm -rf "$trash"

echo
zola_version="no Zola"
[ -n "$zola" ] && zola_version="$("$zola" --version)"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(hugo version | cut -d' ' -f1-2); $zola_version; haven $("$haven" --version | cut -d' ' -f2)"
echo
node - "$results" "$work/zipped.tsv" <<'EOF'
const fs = require("node:fs");
const [file, zippedFile] = process.argv.slice(2);
const zippedRows = fs.existsSync(zippedFile)
  ? fs.readFileSync(zippedFile, "utf8").trim().split("\n").filter(Boolean).map((line) => line.split("\t"))
  : [];
const rows = fs.readFileSync(file, "utf8").trim().split("\n").map((line) => line.split("\t"));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sizes = [...new Set(rows.map((row) => row[1]))];
const tools = ["haven", "hugo", "zola"].filter((tool) => rows.some((r) => r[0] === tool));
const stat = (tool, size, column) => rows.filter((r) => r[0] === tool && r[1] === size).map((r) => Number(r[column]));
console.log("| partners | tool | wall (median, min–max, runs) | haven / tool | peak memory | output | files |");
console.log("|---:|---|---:|---:|---:|---:|---:|");
for (const size of sizes) {
  const havenTime = median(stat("haven", size, 2));
  for (const tool of tools) {
    const times = stat(tool, size, 2);
    if (times.length === 0) continue;
    const ratio = tool === "haven" ? "" : (havenTime / median(times)).toFixed(2);
    const mb = (Math.max(...stat(tool, size, 4)) / 1e6).toFixed(1);
    console.log(`| ${Number(size).toLocaleString("en")} | ${tool} | ${median(times).toFixed(2)} s (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)}, ${times.length}) | ${ratio} | ${Math.max(...stat(tool, size, 3))} MB | ${mb} MB | ${Math.max(...stat(tool, size, 5)).toLocaleString("en")} |`);
  }
}
// The output budget: at most 500 MB of files for 10,000 partners.
console.log();
for (const size of sizes) {
  const fileBytes = Math.max(...stat("haven", size, 6));
  let verdict = "";
  if (Number(size) === 10000) {
    verdict = fileBytes <= 500e6 ? " (budget 500 MB: within)" : ` (budget 500 MB: over, ${(fileBytes / 500e6).toFixed(2)}×)`;
  }
  const zipped = zippedRows.filter((row) => row[0] === size).map((row) => Number(row[1]));
  const upload = zipped.length ? `; zipped as GitHub Pages uploads it, ${(zipped[zipped.length - 1] / 1e6).toFixed(1)} MB` : "";
  console.log(`haven output at ${Number(size).toLocaleString("en")} partners: ${(fileBytes / 1e6).toFixed(1)} MB of files, ${Math.max(...stat("haven", size, 5)).toLocaleString("en")} files${verdict}${upload}`);
}
EOF

if [ -n "$serve" ]; then
  echo
  echo "haven serve, a one-partner edit on 1,000 partners (budget 50 ms): $serve"
fi
