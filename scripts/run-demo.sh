#!/usr/bin/env bash
# Fresh machine to first answer: set up, build, and open the console on the
# built-in demo workspace. Without a display (a server, a container, CI) the
# console renders each view to build/screenshots/*.png instead and says where.
# Extra arguments go to the console (e.g. a workspace file).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
console=build/release/app/console/oci-proxy-console
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  if [ $# -eq 0 ]; then set -- --demo; fi
  exec "$console" "$@"
fi
echo "run-demo: no display; rendering the console's views offscreen instead" >&2
if [ $# -eq 0 ]; then set -- --demo; fi
QT_QPA_PLATFORM=offscreen "$console" "$@" --screenshot build/screenshots
ls -1 "$PWD"/build/screenshots/*.png
echo "A text report of the same demo: build/release/app/route/oci-route report" >&2
