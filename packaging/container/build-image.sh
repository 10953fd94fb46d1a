#!/usr/bin/env bash
# Builds a minimal OCI image of oci-proxy from a release build, without a
# container daemon: the binary, exactly the shared libraries it loads, the
# CA certificates, /etc/passwd and /etc/group naming the non-root user
# (65532), and optionally the range files; no shell, no package manager.
# The result is an OCI image layout (push it with skopeo, see README).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: packaging/container/build-image.sh [options]

  --build DIR        build tree holding app/proxy/oci-proxy (default build/release)
  --out DIR          OCI image layout to write (default build/oci-image); replaced
  --tag TAG          image tag (default: the project version, e.g. 0.1.0)
  --aws-ranges FILE  AWS ip-ranges.json baked in as /etc/oci-proxy/ranges/ip-ranges.json
  --gcp-ranges FILE  Google cloud.json baked in as /etc/oci-proxy/ranges/cloud.json
  -h, --help         this text

Without range files the image expects them mounted at /etc/oci-proxy/ranges/
(the proxy refuses to start without them). Needs umoci; runs unprivileged
(umoci --rootless) when not root. Prints the layout, tag, manifest digest and
the size of the compressed layer.
USAGE
}

root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build/release" out="$root/build/oci-image" tag="" aws="" gcp=""
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --aws-ranges) aws=$2; shift 2 ;;
    --gcp-ranges) gcp=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-image.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
die() { echo "build-image.sh: $*" >&2; exit 1; }
command -v umoci >/dev/null || die "umoci is not installed (apt-get install umoci)"
binary="$build/app/proxy/oci-proxy"
[ -x "$binary" ] || die "$binary not found: build first (scripts/build.sh)"
for f in "$aws" "$gcp"; do [ -z "$f" ] || [ -r "$f" ] || die "cannot read range file $f"; done
version=$(sed -n 's/^project(oci-proxy VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
tag=${tag:-$version}
revision=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
ca=/etc/ssl/certs/ca-certificates.crt
[ -r "$ca" ] || die "$ca not found (apt-get install ca-certificates)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/usr/bin" "$rootfs/etc/ssl/certs" "$rootfs/etc/oci-proxy/ranges"
install -m 0755 "$binary" "$rootfs/usr/bin/oci-proxy"
strip --strip-unneeded "$rootfs/usr/bin/oci-proxy"
# Exactly what the dynamic loader resolves, at the paths it resolves them to,
# and the loader itself at the path the binary names as its interpreter.
interp=$(readelf -l "$binary" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
libs=$(ldd "$binary" | awk '/=> \//{print $3}')
for lib in $libs "$interp"; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
cp -L "$ca" "$rootfs$ca"
# OpenSSL's default locations on Debian (OPENSSLDIR /usr/lib/ssl), so the
# store loads with no environment at all, as under any runtime.
mkdir -p "$rootfs/usr/lib/ssl"
ln -s /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
ln -s /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:oci-proxy:/nonexistent:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
cmd_ranges=()
[ -z "$aws" ] || install -m 0644 "$aws" "$rootfs/etc/oci-proxy/ranges/ip-ranges.json"
[ -z "$gcp" ] || install -m 0644 "$gcp" "$rootfs/etc/oci-proxy/ranges/cloud.json"
for f in ip-ranges.json cloud.json; do cmd_ranges+=(--config.cmd "--ranges=/etc/oci-proxy/ranges/$f"); done

rm -rf "$out"
rootless=()
[ "$(id -u)" -eq 0 ] || rootless=(--rootless)
umoci init --layout "$out"
umoci new --image "$out:$tag"
umoci unpack "${rootless[@]}" --image "$out:$tag" "$work/bundle" >/dev/null
cp -a "$rootfs/." "$work/bundle/rootfs/"
# Files owned by root, readable by the non-root user; nothing writable.
chown -R 0:0 "$work/bundle/rootfs" 2>/dev/null || true
umoci repack --image "$out:$tag" --history.created_by "packaging/container/build-image.sh" "$work/bundle"
created=$(git -C "$root" log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
umoci config --image "$out:$tag" --no-history \
  --created "$created" --author "SIG K8s Infra <sig-k8s-infra@kubernetes.io>" \
  --architecture amd64 --os linux \
  --config.user 65532:65532 --config.workingdir / \
  --config.entrypoint /usr/bin/oci-proxy \
  --config.cmd --listen=:8080 --config.cmd --admin-listen=:9102 "${cmd_ranges[@]}" \
  --config.exposedports 8080/tcp --config.exposedports 9102/tcp \
  --config.stopsignal SIGTERM \
  --config.env SSL_CERT_FILE=$ca \
  --config.label "org.opencontainers.image.title=oci-proxy" \
  --config.label "org.opencontainers.image.source=https://github.com/kubernetes/registry.k8s.io" \
  --config.label "org.opencontainers.image.revision=$revision" \
  --config.label "org.opencontainers.image.version=$version" \
  --config.label "io.k8s.oci-proxy.env.PORT=listen port when --listen is not given (default 8080)" \
  --config.label "io.k8s.oci-proxy.env.UPSTREAM_REGISTRY_ENDPOINT=upstream registry (default https://us-central1-docker.pkg.dev)" \
  --config.label "io.k8s.oci-proxy.env.UPSTREAM_REGISTRY_PATH=upstream path (default k8s-artifacts-prod/images; set but empty = none)" \
  --config.label "io.k8s.oci-proxy.env.SIGNATURE_UPSTREAM_ENDPOINT=signature upstream (default none)" \
  --config.label "io.k8s.oci-proxy.env.DEFAULT_AWS_BASE_URL=default bucket URL (default and when empty: the bucket map's)" \
  --manifest.annotation "org.opencontainers.image.source=https://github.com/kubernetes/registry.k8s.io" \
  --manifest.annotation "org.opencontainers.image.revision=$revision" \
  --manifest.annotation "org.opencontainers.image.version=$version"
umoci gc --layout "$out"

manifest=$(sed -n 's/.*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p' "$out/index.json" | head -1)
layer_bytes=$(find "$out/blobs/sha256" -type f -size +100k -printf '%s\n' | awk '{s+=$1} END {print s+0}')
echo "image: $out:$tag"
echo "manifest: $manifest"
echo "layer: $layer_bytes bytes compressed; rootfs: $(du -sb "$rootfs" | cut -f1) bytes ($(find "$rootfs" -type f | wc -l) files)"
