#!/usr/bin/env bash
# The core and server tests (and the fuzz corpora) again, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (the `debug` preset): a
# use-after-free or an overflow fails the run, even where the optimised
# build happens to get away with it. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f build/debug/build.ninja ]; then
  cmake --preset debug >/dev/null
fi
# Only what runs here: the console and its tests are covered by the release run.
# lookup's row writer is here for its fixed-size copies, which read and write
# past a row's bytes by design.
mapfile -t targets < <(ninja -C build/debug -t targets all |
  sed -n 's/^\(test_core_[A-Za-z0-9_]*\|test_server_[A-Za-z0-9_]*\|test_app_route_lookup_renderer\|fuzz_[A-Za-z0-9_]*\): phony$/\1/p' | sort -u)
cmake --build --preset debug --target "${targets[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ctest --preset debug -j "$(nproc)" -R '^(core|server|fuzz|app/route/lookup_renderer)' "$@"
