#!/usr/bin/env bash
# Per-line cost of the streaming paths (a benchmark, not a test).
#
# Input: N lines (default 10 M): half uniform random IPv4, a quarter IPv4 and
# a quarter IPv6 inside the real AWS + Google prefixes. Measured in one run,
# single-threaded and on all cores, best of RUNS (and, paired by round, the
# median of the ratios):
#   floor    bench_parse: the same reader on the same threads, every address
#            parsed, none looked up (bars: simulate <= 1.5x, lookup <= 2x)
#   trie     bench_lookup --trie-scan: read, parse and look up in a binary
#            trie, one thread (archeio's structure; bar: both >= 3x faster).
#            Same line splitter and parser as the commands, but it reads the
#            whole file at once (~0.13 s of page faults in its time), where
#            they read 256 KiB blocks.
# then peak memory of both commands at 1 M, 10 M and 20 M lines (flat).
# The timed commands run in interleaved rounds (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/streaming.sh: skipped: real range snapshots not found in $data" >&2
  exit 0
fi
bin=build/release
lines=${LINES_COUNT:-10000000}
runs=${RUNS:-5}
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ranges=(--ranges "$data/aws-ip-ranges-2026-07-29.json" --ranges "$data/gcp-cloud-2026-07-29.json")
route=$bin/app/route/oci-route

echo "generating $lines lines (and 1/10, 2x for the memory check)..." >&2
$bin/bench/bench_lookup --write-ips "$work/ips.txt" "$lines"
head -n $((lines / 10)) "$work/ips.txt" >"$work/ips-tenth.txt"
cat "$work/ips.txt" "$work/ips.txt" >"$work/ips-double.txt"

# Wall seconds of a command, output discarded.
seconds() { local TIMEFORMAT=%R; { time "$@" >/dev/null 2>/dev/null; } 2>&1; }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1 / 1024}'; }

# The timed commands, by key (the thread count ends it). Each runs once per
# round, $runs rounds, and keeps its best: on a machine whose speed drifts, a
# baseline timed all before or all after the rest would skew every ratio,
# where interleaved runs see the same drift.
timed() {
  local t=${1##*_}
  case $1 in
  trie) "$bin/bench/bench_lookup" --trie-scan "$work/ips.txt" ;;
  floor_simulate_*) "$bin/bench/bench_parse" simulate "$work/ips.txt" "$t" ;;
  simulate_*) "$route" simulate --threads "$t" "${ranges[@]}" "$work/ips.txt" ;;
  floor_lookup_*) "$bin/bench/bench_parse" lookup "$work/ips.txt" "$t" ;;
  lookup_*) "$route" lookup --threads "$t" "${ranges[@]}" --from "$work/ips.txt" ;;
  esac
}
keys=(trie)
for t in 1 "$cores"; do keys+=("floor_simulate_$t" "simulate_$t" "floor_lookup_$t" "lookup_$t"); done
declare -A best all
for round in $(seq "$runs"); do
  echo "round $round of $runs..." >&2
  for key in "${keys[@]}"; do
    s=$(seconds timed "$key")
    all[$key]="${all[$key]:-} $s"
    if [ -z "${best[$key]:-}" ] || awk -v a="$s" -v b="${best[$key]}" 'BEGIN { exit !(a < b) }'; then
      best[$key]=$s
    fi
  done
done

trie=${best[trie]}
echo "== $lines lines, real AWS + Google ranges, $cores cores, best of $runs interleaved rounds"
printf '%-10s %-8s %9s %9s %8s %6s %10s %6s\n' command threads "floor s" "cmd s" "/floor" bar "trie/cmd" bar
for t in 1 "$cores"; do
  awk -v t="$t" -v fs="${best[floor_simulate_$t]}" -v s="${best[simulate_$t]}" \
    -v fl="${best[floor_lookup_$t]}" -v l="${best[lookup_$t]}" -v trie="$trie" 'BEGIN {
    printf "%-10s %-8s %9.3f %9.3f %7.2fx %6s %9.2fx %6s\n", "simulate", t, fs, s, s / fs, "<=1.5", trie / s, ">=3"
    printf "%-10s %-8s %9.3f %9.3f %7.2fx %6s %9.2fx %6s\n", "lookup", t, fl, l, l / fl, "<=2", trie / l, ">=3" }'
done
printf 'baseline: binary-trie scan, one thread: %.3f s\n' "$trie"

# The ratios again, paired: each round's command over the same round's floor
# (or the trie over the command), then the median over the rounds, with the
# lowest and highest. Where the machine's speed swings from run to run, the
# best of each alone can come from different moments; a pair ran seconds
# apart.
paired() { # numerator key, denominator key
  paste -d' ' <(tr ' ' '\n' <<<"${all[$1]}" | sed '/^$/d') <(tr ' ' '\n' <<<"${all[$2]}" | sed '/^$/d') |
    awk '{ print $1 / $2 }' | sort -g | awk '{ r[NR] = $1 } END {
      printf "%5.2fx (%.2f-%.2f)", (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2), r[1], r[NR] }'
}
echo "== paired by round: median ratio (lowest-highest) of $runs rounds"
printf '%-10s %-8s %-22s %6s %-22s %6s\n' command threads "cmd/floor" bar "trie/cmd" bar
for t in 1 "$cores"; do
  printf '%-10s %-8s %-22s %6s %-22s %6s\n' simulate "$t" "$(paired "simulate_$t" "floor_simulate_$t")" "<=1.5" \
    "$(paired trie "simulate_$t")" ">=3"
  printf '%-10s %-8s %-22s %6s %-22s %6s\n' lookup "$t" "$(paired "lookup_$t" "floor_lookup_$t")" "<=2" \
    "$(paired trie "lookup_$t")" ">=3"
done

echo "== peak memory (MB) by input size"
printf '%-10s %8s %8s %8s\n' command "$((lines / 10))" "$lines" "$((lines * 2))"
printf '%-10s %8s %8s %8s\n' simulate \
  "$(peak_mb $route simulate "${ranges[@]}" "$work/ips-tenth.txt")" \
  "$(peak_mb $route simulate "${ranges[@]}" "$work/ips.txt")" \
  "$(peak_mb $route simulate "${ranges[@]}" "$work/ips-double.txt")"
printf '%-10s %8s %8s %8s\n' lookup \
  "$(peak_mb $route lookup "${ranges[@]}" --from "$work/ips-tenth.txt")" \
  "$(peak_mb $route lookup "${ranges[@]}" --from "$work/ips.txt")" \
  "$(peak_mb $route lookup "${ranges[@]}" --from "$work/ips-double.txt")"
