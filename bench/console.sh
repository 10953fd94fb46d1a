#!/usr/bin/env bash
# Console benchmarks (not tests), offscreen:
#  1. start-up to a usable window with the real AWS and Google range files in
#     the workspace (bar: <= 1 s), against the same start-up with an empty
#     workspace measured in the same run (what Qt and the window cost alone);
#  2. the Lookup view with 100k rows: time to results, longest event-loop
#     block, and one scrolled frame against the same view at 1k rows;
#  3. the Simulation view on 1 M traffic rows: time to the result and the
#     longest event-loop block meanwhile (bars: <= 2 s, <= 50 ms);
#  4. the Live view holding 24 h at a 5 s interval for 50 series: redraw
#     (series rebuilt and painted) at the 24 h window against the 5 min one,
#     and resident memory (bars: <= 50 ms, < 150 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/console.sh: start-up and Lookup skipped: real range snapshots not found in $data" >&2
  QT_QPA_PLATFORM=offscreen build/release/bench/bench_console --live 2>/dev/null
  exit 0
fi
bin=build/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
cat > "$work/real.json" <<JSON
{"oci_proxy_workspace": 1,
 "ranges": ["$data/aws-ip-ranges-2026-07-29.json", "$data/gcp-cloud-2026-07-29.json"]}
JSON
echo '{"oci_proxy_workspace": 1, "ranges": []}' > "$work/empty.json"

# Wall milliseconds from exec to exit, the console exiting once its window
# shows the loaded workspace.
startup_ms() {
  local t0 t1
  t0=$(date +%s%N)
  $bin/app/console/oci-proxy-console "$1" --exit-when-ready >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
runs=${RUNS:-9}
startup_ms "$work/real.json" >/dev/null # warm the page cache
real=$(for i in $(seq "$runs"); do startup_ms "$work/real.json"; done | median)
empty=$(for i in $(seq "$runs"); do startup_ms "$work/empty.json"; done | median)
inproc=$($bin/app/console/oci-proxy-console "$work/real.json" --exit-when-ready 2>/dev/null)
echo "== start-up to a usable window (median of $runs, wall clock from exec to exit)"
awk -v r="$real" -v e="$empty" 'BEGIN {
  printf "real AWS + GCP workspace: %5d ms   bar <= 1000 ms\n", r
  printf "empty workspace (Qt and the window alone): %5d ms\n", e
  printf "cost of the ranges: %d ms; ratio %.2fx\n", r - e, r / e }'
echo "one run, in-process: $inproc"
echo
echo "== Lookup view"
$bin/bench/bench_console "${ROWS:-100000}" 2>/dev/null
echo
echo "== Simulation view"
$bin/bench/bench_console --simulation 1000000 2>/dev/null
echo
echo "== Live view"
$bin/bench/bench_console --live 2>/dev/null
