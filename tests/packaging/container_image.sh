#!/usr/bin/env bash
# The container image, proven as users would use it: built by
# packaging/container/build-image.sh (umoci, no daemon), pushed with skopeo
# into Debian's docker-registry, pulled back through the real oci-proxy
# (skopeo checks every digest; the manifest digest must be the one built),
# then its root filesystem, unpacked by umoci, runs `oci-proxy --help` and
# serves requests under chroot as the image's non-root user. chroot, not a
# runtime: crun/runc need cgroups and namespaces this test cannot count on,
# and the point is that the file system is complete (binary, libraries, CA
# store, passwd), which chroot proves: nothing from the host is visible.
set -euo pipefail
src=$1 build=$2
for tool in umoci skopeo docker-registry chroot readelf; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "SKIP: $tool is not installed (scripts/setup.sh installs it)"; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "SKIP: chroot needs root; run as root to check the image's file system"; exit 77; }

chroot_bin=$(command -v chroot || echo /usr/sbin/chroot)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.log; do echo "== $f"; tail -5 "$f"; done >&2; exit 1; }

# A loopback port nobody listens on (bash's /dev/tcp: no python on a bare
# Debian), below the kernel's ephemeral range (32768-60999) so that no
# outgoing connection of a parallel test holds it.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "no free port"
}
# The ports a proxy started with --listen/--admin-listen 127.0.0.1:0 chose,
# read from its log ("listening on port P, admin on port A"): no window in
# which a parallel test can take a port picked in advance.
proxy_ports() { # log, what → "P A"
  local line
  for _ in $(seq 150); do
    line=$(sed -n 's/.*listening on port \([0-9]*\), admin on port \([0-9]*\).*/\1 \2/p' "$1")
    [ -n "$line" ] && { echo "$line"; return 0; }
    sleep 0.1
  done
  fail "$2 did not start within 15 s"
}
# GET over a plain socket; prints the whole response (status line first).
http_get() { # port, target, [extra header]
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n' "$2" "${3:+$3$'\r\n'}" >&3
  timeout 10 cat <&3
  exec 3<&-
}

# 1. Build. Real range snapshots are baked in when ../shared/data has them.
data="$src/../shared/data"
ranges=()
aws=$(ls "$data"/aws-ip-ranges-*.json 2>/dev/null | sort | tail -1 || true)
gcp=$(ls "$data"/gcp-cloud-*.json 2>/dev/null | sort | tail -1 || true)
if [ -n "$aws" ] && [ -n "$gcp" ]; then
  ranges=(--aws-ranges "$aws" --gcp-ranges "$gcp")
else
  echo "note: $data is missing; the image is built without range files and run with --demo"
fi
"$src/packaging/container/build-image.sh" --build "$build" --out "$work/layout" --tag test "${ranges[@]}" | tee "$work/build.txt"
built=$(sed -n 's/^manifest: //p' "$work/build.txt")
[ -n "$built" ] || fail "build-image.sh printed no manifest digest"

# 2. Push into the registry the proxy uses as upstream, under the production path.
mkdir -p "$work/registry"
# docker-registry cannot be asked for port 0: a port taken meanwhile by a
# parallel test makes it exit, and another port is tried.
for attempt in 1 2 3 4 5; do
  reg=$(free_port)
  printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s/registry\nhttp:\n  addr: 127.0.0.1:%s\n' "$work" "$reg" >"$work/registry.yml"
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$reg") 2>/dev/null && break
    kill -0 "$reg_pid" 2>/dev/null || break
    sleep 0.1
  done
  if (exec 3<>"/dev/tcp/127.0.0.1/$reg") 2>/dev/null && kill -0 "$reg_pid" 2>/dev/null; then
    pids+=($reg_pid)
    break
  fi
  kill "$reg_pid" 2>/dev/null || true
  [ "$attempt" -lt 5 ] || fail "docker-registry did not start"
done
skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$work/layout:test" \
  "docker://127.0.0.1:$reg/k8s-artifacts-prod/images/oci-proxy:test" || fail "skopeo push"

# 3. Pull through the real oci-proxy. Its buckets are dead, so every blob
# goes upstream; skopeo verifies each digest as it pulls.
"$build/app/proxy/oci-proxy" --demo --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 \
  --upstream "http://127.0.0.1:$reg" --default-aws-base http://127.0.0.1:1 --blob-timeout 2s >"$work/proxy.log" 2>&1 &
pids+=($!)
ports=$(proxy_ports "$work/proxy.log" oci-proxy)
read -r proxy_port admin_port <<<"$ports"
skopeo --insecure-policy copy -q --src-tls-verify=false \
  "docker://127.0.0.1:$proxy_port/oci-proxy:test" "oci:$work/pulled:test" || fail "skopeo pull through oci-proxy"
pulled=$(sed -n 's/.*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p' "$work/pulled/index.json" | head -1)
[ "$pulled" = "$built" ] || fail "pulled manifest $pulled is not the built $built"
blobs_upstream=$(http_get "$admin_port" /metrics |
  sed -n 's/^ociproxy_requests_total{kind="blob",backend="upstream",code="307"} \([0-9]*\).*/\1/p')
[ "${blobs_upstream:-0}" -ge 2 ] || fail "the proxy counted ${blobs_upstream:-0} blob redirects upstream, expected the config and the layer"
echo "ok: pulled $pulled through oci-proxy ($blobs_upstream blob requests sent upstream)"

# 4. Unpack the pulled image and run it under chroot as its user.
umoci unpack --image "$work/pulled:test" "$work/bundle" >/dev/null
rootfs="$work/bundle/rootfs"
[ ! -e "$rootfs/bin/sh" ] && [ ! -e "$rootfs/usr/bin/sh" ] || fail "the image has a shell"
# `env -i`: nothing from the host's environment either (no SSL_CERT_FILE).
help=$(env -i "$chroot_bin" --userspec=65532:65532 "$rootfs" /usr/bin/oci-proxy --help) || fail "oci-proxy --help failed in the image"
grep -q '^Usage: oci-proxy' <<<"$help" || fail "--help in the image printed: $help"
echo "ok: oci-proxy --help runs in the image's root file system as 65532"

if [ ${#ranges[@]} -gt 0 ]; then
  run_ranges=(--ranges=/etc/oci-proxy/ranges/ip-ranges.json --ranges=/etc/oci-proxy/ranges/cloud.json)
else
  run_ranges=(--demo)
fi
env -i "$chroot_bin" --userspec=65532:65532 "$rootfs" /usr/bin/oci-proxy --listen 127.0.0.1:0 \
  --admin-listen 127.0.0.1:0 "${run_ranges[@]}" --default-aws-base http://127.0.0.1:1 \
  --blob-timeout 1s >"$work/chroot-proxy.log" 2>&1 &
pids+=($!)
ports=$(proxy_ports "$work/chroot-proxy.log" "oci-proxy in the image")
read -r in_port in_admin <<<"$ports"
[[ $(http_get "$in_admin" /healthz) == "HTTP/1.1 200"* ]] || fail "/healthz in the image"
manifest=$(http_get "$in_port" /v2/pause/manifests/3.9)
grep -q '^HTTP/1.1 307' <<<"$manifest" || fail "a manifest request in the image was answered: $(head -1 <<<"$manifest")"
grep -qi '^location: https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images/pause/manifests/3.9' <<<"$manifest" ||
  fail "the manifest redirect is not to the upstream: $manifest"
metrics=$(http_get "$in_admin" /metrics)
aws_prefixes=$(sed -n 's/^ociproxy_range_prefixes{cloud="AWS"} \([0-9]*\).*/\1/p' <<<"$metrics")
[ "${aws_prefixes:-0}" -gt 0 ] || fail "the proxy in the image loaded no AWS prefixes"
echo "ok: the image serves (307 to upstream, /healthz 200, $aws_prefixes AWS prefixes loaded)"
sed -n 's/^layer: /image size: layer /p' "$work/build.txt"
