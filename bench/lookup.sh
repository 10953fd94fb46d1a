#!/usr/bin/env bash
# Table benchmark (not a test): load and build from the real files, and ns
# per lookup against a binary trie (archeio's structure) measured in the same
# run. The CLI's per-line cost is bench/streaming.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/lookup.sh: skipped: real range snapshots not found in $data" >&2
  exit 0
fi
bin=build/release

echo "== table: load, build, lookup"
$bin/bench/bench_lookup

