#!/usr/bin/env bash
# Lookup benchmarks (not tests): the table micro-benchmark, then
# `oci-route lookup --from FILE` on 10 M lines (half uniform random IPv4, half
# inside known prefixes) against a baseline measured in the same run: one
# thread reading, parsing and looking up the same file in a binary trie
# (archeio's structure), with no output at all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/lookup.sh: skipped: real range snapshots not found in $data" >&2
  exit 0
fi
bin=build/release
lines=${LINES_COUNT:-10000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== table: load, build, lookup"
$bin/bench/bench_lookup

echo
echo "== oci-route lookup --from FILE >/dev/null, $lines lines"
$bin/bench/bench_lookup --write-ips "$work/ips.txt" "$lines"
ranges=(--ranges "$data/aws-ip-ranges-2026-07-29.json" --ranges "$data/gcp-cloud-2026-07-29.json")
# Wall seconds of a command, output discarded (bash's time: no extra package).
seconds() {
  local TIMEFORMAT=%R
  { time "$@" >/dev/null 2>/dev/null; } 2>&1
}
best() { sort -n | head -1; }
cli=$(for i in 1 2 3 4 5; do seconds $bin/app/route/oci-route lookup "${ranges[@]}" --from "$work/ips.txt"; done | best)
cli1=$(for i in 1 2 3; do seconds $bin/app/route/oci-route lookup --threads 1 "${ranges[@]}" --from "$work/ips.txt"; done | best)
base=$(for i in 1 2 3; do seconds $bin/bench/bench_lookup --trie-scan "$work/ips.txt"; done | best)
awk -v c="$cli" -v c1="$cli1" -v b="$base" 'BEGIN {
  printf "oci-route lookup (all cores):   %.2f s   bar <= 1.0 s\n", c
  printf "oci-route lookup (--threads 1): %.2f s\n", c1
  printf "baseline trie scan, no output:  %.2f s\n", b
  printf "ratio baseline / oci-route:     %.1fx\n", b / c
}'
