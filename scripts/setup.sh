#!/usr/bin/env bash
# Installs the Debian 12 packages oci-proxy needs. Idempotent: when every
# package is already present it only runs one dpkg query and exits.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache
  # Qt 6.4 (Core/Test for the tests; Widgets, Network, Charts, Svg, PrintSupport for the console)
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
  # QCoro 0.8
  qcoro-qt6-dev
  # Boost 1.81 only: the unversioned boost packages are 1.74 and conflict
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev
  # the system CA store: oci-proxy refuses to start without trust anchors
  ca-certificates
  # real peers for the server tests: upstream registry, buckets/load balancer,
  # image client, test certificates; wrk for the benchmarks
  docker-registry nginx-light skopeo openssl tar gzip wrk
  # the console: Qt platform plugins (offscreen for tests and --screenshot);
  # validators for the desktop file and AppStream metadata
  qt6-qpa-plugins desktop-file-utils appstream
  # CPack's .deb (shlibdeps)
  file dpkg-dev
  # pdftotext reads the PDF reports back in the tests
  poppler-utils
  # the live view's end-to-end test reads a real Prometheus server (promtool
  # checks the packaged rules)
  prometheus
  # deployment artefacts: the split .debs (lintian), the unit's sandboxing
  # score (systemd-analyze), the container image built without a daemon (umoci)
  lintian systemd umoci
)

# node + npm run the offline Kubernetes schema check (kubernetes-models from
# the npm registry). A node from elsewhere (NodeSource) brings its own npm
# and conflicts with Debian's package, so only a missing command asks for it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
