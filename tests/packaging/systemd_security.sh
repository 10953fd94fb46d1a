#!/usr/bin/env bash
# The shipped unit is hardened: systemd's own scoring of its sandboxing
# (`systemd-analyze security`, offline on the file) stays below 2.0.
set -euo pipefail
unit=$1
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze is not installed (package systemd; scripts/setup.sh installs it)"; exit 77; }
report=$(systemd-analyze security --offline=yes --no-pager "$unit" 2>&1) || true
level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$report")
[ -n "$level" ] || { echo "FAIL: no exposure level in:"; echo "$report"; exit 1; }
grep '✗' <<<"$report" || true
echo "exposure: $level (bar: below 2.0)"
awk -v l="$level" 'BEGIN { exit !(l < 2.0) }' || { echo "FAIL: exposure $level is not below 2.0"; exit 1; }
