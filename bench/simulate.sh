#!/usr/bin/env bash
# `oci-route simulate` benchmark (not a test): 10 M lines (half uniform random
# IPv4, half inside known prefixes) over the real AWS and Google ranges (bar:
# <= 0.4 s wall), against a baseline measured in the same run: one thread
# reading, parsing and looking up the same file in a binary trie (archeio's
# structure) and counting nothing. Peak memory at 1 M and 10 M lines shows
# it does not grow with the input.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/simulate.sh: skipped: real range snapshots not found in $data" >&2
  exit 0
fi
bin=build/release
lines=${LINES_COUNT:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$bin/bench/bench_lookup --write-ips "$work/ips.txt" "$lines"
head -n $((lines / 10)) "$work/ips.txt" > "$work/ips-tenth.txt"
ranges=(--ranges "$data/aws-ip-ranges-2026-07-29.json" --ranges "$data/gcp-cloud-2026-07-29.json")
seconds() {
  local TIMEFORMAT=%R
  { time "$@" >/dev/null 2>/dev/null; } 2>&1
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
best() { sort -n | head -1; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
runs=$(for i in 1 2 3 4 5; do seconds $bin/app/route/oci-route simulate "${ranges[@]}" "$work/ips.txt"; done)
one=$(for i in 1 2 3; do seconds $bin/app/route/oci-route simulate --threads 1 "${ranges[@]}" "$work/ips.txt"; done | best)
base=$(for i in 1 2 3; do seconds $bin/bench/bench_lookup --trie-scan "$work/ips.txt"; done | best)
mem_big=$(peak_kb $bin/app/route/oci-route simulate "${ranges[@]}" "$work/ips.txt")
mem_small=$(peak_kb $bin/app/route/oci-route simulate "${ranges[@]}" "$work/ips-tenth.txt")
b=$(echo "$runs" | best)
m=$(echo "$runs" | median)
echo "== oci-route simulate, $lines lines, real AWS + GCP ranges"
awk -v b="$b" -v m="$m" -v o="$one" -v t="$base" -v mb="$mem_big" -v ms="$mem_small" -v n="$lines" 'BEGIN {
  printf "all cores:             best %.2f s, median %.2f s   bar <= 0.4 s\n", b, m
  printf "--threads 1:           %.2f s\n", o
  printf "baseline trie scan:    %.2f s (one thread, no aggregation)\n", t
  printf "ratio baseline / simulate (all cores): %.1fx\n", t / b
  printf "peak memory: %.1f MB at %d lines, %.1f MB at %d lines\n", ms / 1024, n / 10, mb / 1024, n }'
