#!/usr/bin/env bash
# Fresh machine to first answer: set up, build, and print the routing report
# of the built-in demo traffic over the built-in demo ranges.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
exec build/release/app/route/oci-route report "$@"
