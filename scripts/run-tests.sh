#!/usr/bin/env bash
# Fresh machine to test verdict: set up, build, run every test. Ends with
# CTest's summary; the exit status is CTest's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --preset release -j "$(nproc)" "$@"
