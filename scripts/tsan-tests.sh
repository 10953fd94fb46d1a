#!/usr/bin/env bash
# ThreadSanitizer over the server tests (not part of CI: a TSan build of the
# server takes a while and TSan slows the tests ~10×). Builds build/tsan and
# runs the server suites; any data race fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f build/tsan/build.ninja ]; then
  cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" -DOCIPROXY_BUILD_BENCH=OFF >/dev/null
fi
mapfile -t targets < <(ninja -C build/tsan -t targets all |
  sed -n 's/^\(test_server_[A-Za-z0-9_]*\|fuzz_session\): phony$/\1/p' | sort -u)
cmake --build build/tsan --target "${targets[@]}"
# die_after_fork=0: the TLS test forks openssl (QProcess) from a threaded
# process. report_thread_leaks=0: the fuzz target's bucket is never torn
# down on purpose (the process ends with it).
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:report_thread_leaks=0:suppressions=$PWD/tests/tsan.supp}
cd build/tsan && ctest --output-on-failure --timeout 900 -R '^(server|fuzz/session)' "$@"
