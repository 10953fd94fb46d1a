#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer + ASan + UBSan, bounded in time:
# SECONDS_EACH per target (default 60; or the first argument). Builds a
# separate clang tree in build/fuzz. Targets: decide, ranges, client_ip,
# access_log, session (raw bytes as whole connections through the real
# server against an in-process bucket). TARGETS="session decide" picks some.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-${SECONDS_EACH:-60}}
targets=${TARGETS:-decide ranges client_ip access_log session}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOCIPROXY_LIBFUZZER=ON -DOCIPROXY_FUZZ_ONLY=ON >/dev/null
cmake --build build/fuzz --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done)
for t in $targets; do
  work=$(mktemp -d)
  cp tests/fuzz/corpus/$t/* "$work"/ 2>/dev/null || true
  [ "$t" = ranges ] && cp tests/fuzz/corpus/buckets/* resources/demo/* "$work"/
  echo "== fuzz_$t for ${seconds}s"
  status=0
  build/fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -max_len=65536 -timeout=10 "$work" \
    >"$work.log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +DONE|ERROR|SUMMARY|Done [0-9]+ runs' "$work.log" || tail -20 "$work.log"
  rm -rf "$work" "$work.log"
  [ "$status" -eq 0 ] || { echo "fuzz_$t failed (status $status)"; exit "$status"; }
done
