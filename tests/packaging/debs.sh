#!/usr/bin/env bash
# The three .deb packages CPack builds: each carries its own files and no
# other's, the server and the CLI pull in no Qt, and lintian reports no error
# on any of them. The console's launcher and AppStream metadata validate.
set -euo pipefail
src=$1 build=$2
for tool in lintian dpkg-deb desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/setup.sh installs it)"; exit 77; }
done
desktop-file-validate "$src/packaging/desktop/io.k8s.OciProxyConsole.desktop"
appstreamcli validate --no-net --pedantic "$src/packaging/desktop/io.k8s.OciProxyConsole.metainfo.xml"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >/dev/null)

fail() { echo "FAIL: $*" >&2; exit 1; }
deb_of() { ls "$out"/"$1"_*.deb 2>/dev/null || fail "no $1 package in $(ls "$out")"; }

# package → files it must hold; every ./usr/bin entry must be one of its own.
declare -A owns=(
  [oci-proxy]="./usr/bin/oci-proxy ./usr/lib/systemd/system/oci-proxy.service"
  [oci-route]="./usr/bin/oci-route"
  [oci-proxy-console]="./usr/bin/oci-proxy-console ./usr/share/applications/io.k8s.OciProxyConsole.desktop ./usr/share/metainfo/io.k8s.OciProxyConsole.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/io.k8s.OciProxyConsole.svg"
)
for pkg in oci-proxy oci-route oci-proxy-console; do
  deb=$(deb_of "$pkg")
  listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
  for f in ${owns[$pkg]} ./usr/share/doc/$pkg/copyright ./usr/share/doc/$pkg/changelog.gz; do
    grep -qx "$f" <<<"$listing" || fail "$pkg lacks $f"
  done
  for bin in $(grep '^\./usr/bin/.' <<<"$listing"); do
    grep -qw -- "$bin" <<<"${owns[$pkg]}" || fail "$pkg carries $bin, which belongs to another package"
  done
  depends=$(dpkg-deb -f "$deb" Depends)
  if [ "$pkg" != oci-proxy-console ] && grep -qi 'qt' <<<"$depends"; then
    fail "$pkg depends on Qt: $depends"
  fi
  # --fail-on error: warnings are reported (and listed in the closing note), errors fail.
  lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges' || true
  lintian --fail-on error "$deb" >/dev/null 2>&1 || fail "lintian reports errors on $(basename "$deb")"
  echo "ok: $(basename "$deb"): $(grep -c . <<<"$listing") entries; Depends: $depends"
done
grep -q 'libqt6svg6' <<<"$(dpkg-deb -f "$(deb_of oci-proxy-console)" Depends)" || fail "the console's Depends lacks libqt6svg6"
