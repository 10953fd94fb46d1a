#!/usr/bin/env bash
# Soak (not a test): the real oci-proxy under steady mixed traffic from many
# connections while its bucket flaps (healthy, 500, slow, refused, TLS stall)
# and a SIGHUP arrives every 10 s, alternating valid and broken range files.
# Prints requests sent, the share answered (must be 100 %), answers that
# differ from decide() for the state in force (must be 0), p50/p99, and the
# server's RSS and open descriptors (last window ≤ 1.2× the first after
# warm-up). Exit status 0 only when all of that holds.
#   bench/soak.sh [--seconds N] [--connections N] [--rate REQ_PER_S]
# Default 600 s (10 minutes), 32 connections, 400 requests/s; loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exec build/release/bench/bench_soak --proxy build/release/app/proxy/oci-proxy --work "$work" "$@"
