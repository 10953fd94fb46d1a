#!/usr/bin/env bash
# Fresh machine to test verdict: set up, build, run every test; then the
# core and server tests again under ASan + UBSan (scripts/sanitizer-tests.sh).
# Ends with CTest's summary; fails when either run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
status=0
ctest --preset release -j "$(nproc)" "$@" || status=$?
echo "== core and server tests under AddressSanitizer + UBSan" >&2
scripts/sanitizer-tests.sh || status=$?
exit "$status"
