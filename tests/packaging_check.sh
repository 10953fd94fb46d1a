#!/usr/bin/env bash
# The console's launcher and AppStream metadata validate, and the .deb built
# by CPack carries all three binaries, the unit, the launcher and the icon.
set -euo pipefail
src=$1 build=$2
desktop-file-validate "$src/packaging/desktop/io.k8s.OciProxyConsole.desktop"
appstreamcli validate --no-net --pedantic "$src/packaging/desktop/io.k8s.OciProxyConsole.metainfo.xml"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)
deb=$(ls "$out"/*.deb)
listing=$(dpkg-deb -c "$deb")
for f in ./usr/bin/oci-proxy ./usr/bin/oci-route ./usr/bin/oci-proxy-console \
         ./usr/lib/systemd/system/oci-proxy.service \
         ./usr/share/applications/io.k8s.OciProxyConsole.desktop \
         ./usr/share/metainfo/io.k8s.OciProxyConsole.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.k8s.OciProxyConsole.svg; do
  grep -q " $f\$" <<<"$listing" || { echo "missing in $(basename "$deb"): $f" >&2; exit 1; }
done
dpkg-deb -f "$deb" Depends | grep -q 'libqt6svg6' || { echo "Depends lacks libqt6svg6" >&2; exit 1; }
echo "ok: $(basename "$deb")"
