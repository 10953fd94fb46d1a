#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer, bounded in time: SECONDS_EACH per
# target (default 60). Builds a separate clang tree in build/fuzz.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${SECONDS_EACH:-60}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOCIPROXY_LIBFUZZER=ON -DOCIPROXY_FUZZ_ONLY=ON >/dev/null
cmake --build build/fuzz --target fuzz_decide fuzz_ranges
for t in decide ranges; do
  work=$(mktemp -d)
  cp tests/fuzz/corpus/$t/* "$work"/ 2>/dev/null || true
  [ $t = ranges ] && cp tests/fuzz/corpus/buckets/* resources/demo/* "$work"/
  build/fuzz/tests/fuzz/fuzz_$t -max_total_time="$seconds" -max_len=65536 "$work"
  rm -rf "$work"
done
