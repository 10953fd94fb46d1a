#!/usr/bin/env bash
# The packaged Prometheus rules load (`promtool check rules`) and each alert
# fires on a synthetic series made to trip it and stays quiet on a healthy
# one (`promtool test rules`, packaging/prometheus/oci-proxy.rules.test.yml).
set -euo pipefail
dir=$1
command -v promtool >/dev/null || { echo "SKIP: promtool is not installed (package prometheus; scripts/setup.sh installs it)"; exit 77; }
cd "$dir"
promtool check rules oci-proxy.rules.yml
promtool test rules oci-proxy.rules.test.yml
# Every alert has a test: an alert added without one fails here.
for alert in $(sed -n 's/^ *- alert: *//p' oci-proxy.rules.yml); do
  grep -q "alertname: $alert\$" oci-proxy.rules.test.yml || { echo "FAIL: alert $alert has no promtool test"; exit 1; }
done
echo "ok: $(grep -c '^ *- alert:' oci-proxy.rules.yml) alerts, $(grep -c '^ *- record:' oci-proxy.rules.yml) recording rules"
