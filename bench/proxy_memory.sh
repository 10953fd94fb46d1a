#!/usr/bin/env bash
# oci-proxy memory (a benchmark, not a test). The real AWS + Google range
# files, a loopback nginx as the bucket (the blob is there, so blob requests
# are cache hits after the first), then:
#   1. wrk -t2 -c256 for DURATION (10 s), manifest and blob-hit requests from
#      AWS clients: peak resident memory (VmHWM), and what it is made of
#      (heap, each shared library, the binary) read from /proc/PID/smaps;
#   2. the same server's resident memory at start-up with --demo (a tiny
#      table), so the table's share shows;
#   3. 10 000 idle keep-alive connections, each served once: RSS per connection.
# Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
data="$(cd .. && pwd)/shared/data"
if [ ! -f "$data/aws-ip-ranges-2026-07-29.json" ]; then
  echo "bench/proxy_memory.sh: skipped: real range snapshots not found in $data" >&2
  exit 0
fi
# As under systemd or in a pod: no SSL_CERT_FILE, so the server reads the
# system roots from the hashed directory when they are needed.
unset SSL_CERT_FILE
duration=${DURATION:-10s}
idle=${IDLE_CONNECTIONS:-10000}
bin=build/release/app/proxy/oci-proxy
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }

digest=sha256:$(printf 'layer' | sha256sum | cut -d' ' -f1)
bucket_port=$(free_port)
mkdir -p "$work/bucket/containers/images"
printf 'layer' >"$work/bucket/containers/images/$digest"
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx.conf" <<CONF
$user_line
daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/nginx.err;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $work/b; proxy_temp_path $work/p; fastcgi_temp_path $work/f;
       uwsgi_temp_path $work/u; scgi_temp_path $work/s;
       server { listen 127.0.0.1:$bucket_port; root $work/bucket; } }
CONF
"$(command -v nginx || echo /usr/sbin/nginx)" -c "$work/nginx.conf" -e "$work/nginx.err" & pids+=($!)
wait_port "$bucket_port"

start_proxy() { # args...
  port=$(free_port); admin=$(free_port)
  "$bin" --listen "127.0.0.1:$port" --admin-listen "127.0.0.1:$admin" \
    --default-aws-base "http://127.0.0.1:$bucket_port" "$@" 2>>"$work/proxy.log" & proxy_pid=$!; pids+=($proxy_pid)
  wait_port "$port"
}

# 2. A tiny table, for comparison.
start_proxy --demo
demo_rss=$(kb "$proxy_pid" VmHWM)
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true

# 1. The real files under load.
start_proxy --ranges "$data/aws-ip-ranges-2026-07-29.json" --ranges "$data/gcp-cloud-2026-07-29.json" \
  --max-connections $((idle + 1000)) --idle-timeout 5m
start_hwm=$(kb "$proxy_pid" VmHWM)
cat >"$work/mix.lua" <<LUA
local paths = {"/v2/pause/manifests/latest", "/v2/pause/blobs/$digest"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % 2) + 1], {["X-Forwarded-For"] = "3.5.140." .. (i % 250) .. ", 127.0.0.1"})
end
LUA
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 3.5.140.1, 127.0.0.1' "http://127.0.0.1:$port/v2/pause/blobs/$digest")
[ "$status" = 307 ] || { echo "blob request answered $status, expected 307" >&2; exit 1; }
wrk -t2 -c256 -d"$duration" -s "$work/mix.lua" "http://127.0.0.1:$port" >"$work/wrk.out"
echo "== oci-proxy, real AWS + Google ranges, wrk -t2 -c256 -d$duration (manifest + blob hit)"
awk '/Requests\/sec/ {printf "requests/s: %s\n", $2}' "$work/wrk.out"
printf 'VmHWM after start-up: %.1f MiB; after the load: %.1f MiB (VmRSS %.1f MiB)\n' \
  "$(echo "$start_hwm / 1024" | bc -l)" "$(echo "$(kb "$proxy_pid" VmHWM) / 1024" | bc -l)" \
  "$(echo "$(kb "$proxy_pid" VmRSS) / 1024" | bc -l)"
printf 'VmHWM with --demo (tiny table), idle: %.1f MiB\n' "$(echo "$demo_rss / 1024" | bc -l)"
echo "resident now, by mapping (KiB):"
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = ($6 == "" ? "[anonymous]" : $6)} /^Rss:/ {rss[name] += $2}
     END {for (n in rss) if (rss[n] >= 64) printf "  %8d  %s\n", rss[n], n}' "/proc/$proxy_pid/smaps" | sort -rn

# 3. Idle connections.
before=$(kb "$proxy_pid" VmRSS)
python3 - "$port" "$idle" "$proxy_pid" <<'PY'
import resource, socket, sys, time
port, n, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_NOFILE, (n + 100, n + 100))
socks = []
deadline = time.monotonic() + 120
for i in range(n):
    if time.monotonic() > deadline:
        break
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n")
    socks.append(s)
answered = 0
for s in socks:
    s.settimeout(10)
    if s.recv(4096).startswith(b"HTTP/1.1 200"):
        answered += 1
rss = [l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:")][0]
print(f"{len(socks)} idle connections ({answered} answered 200): VmRSS {int(rss) / 1024:.1f} MiB")
open("/dev/shm/oci-proxy-idle-rss", "w").write(rss)
for s in socks:
    s.close()
PY
after=$(cat /dev/shm/oci-proxy-idle-rss); rm -f /dev/shm/oci-proxy-idle-rss
awk -v a="$after" -v b="$before" -v n="$idle" 'BEGIN {printf "per idle connection: %.2f KiB\n", (a - b) / n}'
