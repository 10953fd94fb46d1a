#!/usr/bin/env bash
# oci-proxy memory (a benchmark, not a test). The real AWS + Google range
# files; the clients are AWS ap-northeast-2 addresses, whose blobs a bucket
# map sends to a loopback nginx bucket (the blob is there, so blob requests
# are cache hits after the first check). Then:
#   1. wrk -t2 -c256 for DURATION (10 s), manifest and blob-hit requests, the
#      bucket over plain HTTP: peak resident memory (VmHWM), and what it is
#      made of: private and file-backed, and by mapping (heap, each shared
#      library, the binary) from /proc/PID/smaps;
#   2. the same with the bucket over HTTPS (a self-signed CA, --ca-file):
#      what OpenSSL and the TLS connections to the bucket add;
#   3. the server's resident memory at start-up with --demo (a tiny table),
#      so the table's share shows;
#   4. 10 000 idle keep-alive connections, each served once: RSS per connection.
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
tls_port=$(free_port)
mkdir -p "$work/bucket/containers/images"
printf 'layer' >"$work/bucket/containers/images/$digest"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$work/bucket.key" -out "$work/bucket.pem" 2>/dev/null
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx.conf" <<CONF
$user_line
daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/nginx.err;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $work/b; proxy_temp_path $work/p; fastcgi_temp_path $work/f;
       uwsgi_temp_path $work/u; scgi_temp_path $work/s;
       server { listen 127.0.0.1:$bucket_port; root $work/bucket; }
       server { listen 127.0.0.1:$tls_port ssl; root $work/bucket;
                ssl_certificate $work/bucket.pem; ssl_certificate_key $work/bucket.key; } }
CONF
"$(command -v nginx || echo /usr/sbin/nginx)" -c "$work/nginx.conf" -e "$work/nginx.err" & pids+=($!)
wait_port "$bucket_port"
wait_port "$tls_port"
# ap-northeast-2 (3.5.140.0/22) served by the loopback bucket; the default
# stays plain HTTP, so only the bucket's scheme differs between the runs.
bucket_map() { # URL
  printf '{"default": "http://127.0.0.1:%s", "buckets": [{"name": "ap-northeast-2", "url": "%s", "regions": ["ap-northeast-2"]}]}\n' \
    "$bucket_port" "$1" >"$work/buckets.json"
}

start_proxy() { # args...
  port=$(free_port); admin=$(free_port)
  "$bin" --listen "127.0.0.1:$port" --admin-listen "127.0.0.1:$admin" "$@" 2>>"$work/proxy.log" & proxy_pid=$!
  pids+=($proxy_pid)
  wait_port "$port"
}
stop_proxy() { kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; }
mib() { echo "$1 / 1024" | bc -l; }

# A tiny table, for comparison.
bucket_map "http://127.0.0.1:$bucket_port"
start_proxy --demo --buckets "$work/buckets.json"
demo_rss=$(kb "$proxy_pid" VmHWM)
stop_proxy

cat >"$work/mix.lua" <<LUA
local paths = {"/v2/pause/manifests/latest", "/v2/pause/blobs/$digest"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % 2) + 1], {["X-Forwarded-For"] = "3.5.140." .. (i % 250) .. ", 127.0.0.1"})
end
LUA

# The real files under load, the bucket at $1 (extra proxy options after it).
load_run() { # BUCKET_URL LABEL [options...]
  local url=$1 label=$2; shift 2
  bucket_map "$url"
  start_proxy --ranges "$data/aws-ip-ranges-2026-07-29.json" --ranges "$data/gcp-cloud-2026-07-29.json" \
    --buckets "$work/buckets.json" --max-connections $((idle + 1000)) --idle-timeout 5m "$@"
  local start_hwm location
  start_hwm=$(kb "$proxy_pid" VmHWM)
  # A blob hit: redirected to the bucket, not upstream.
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -H 'X-Forwarded-For: 3.5.140.1, 127.0.0.1' \
    "http://127.0.0.1:$port/v2/pause/blobs/$digest")
  [ "$location" = "$url/containers/images/$digest" ] || {
    echo "blob request redirected to '$location', expected the $label bucket" >&2; exit 1; }
  wrk -t2 -c256 -d"$duration" -s "$work/mix.lua" "http://127.0.0.1:$port" >"$work/wrk.out"
  echo "== oci-proxy, real AWS + Google ranges, bucket over $label, wrk -t2 -c256 -d$duration (manifest + blob hit)"
  awk '/Requests\/sec/ {printf "requests/s: %s\n", $2}' "$work/wrk.out"
  printf 'VmHWM after start-up: %.1f MiB; after the load: %.1f MiB (VmRSS %.1f MiB)\n' \
    "$(mib "$start_hwm")" "$(mib "$(kb "$proxy_pid" VmHWM)")" "$(mib "$(kb "$proxy_pid" VmRSS)")"
  # VmHWM counts the binary's and libraries' pages too: file pages shared
  # with every process that maps them, and mapped by the kernel in whole
  # folios (a process that computes one SHA-256 holds ~3 MiB of libcrypto).
  printf 'resident now: %.1f MiB private (heap, arenas, stacks), %.1f MiB file-backed (binary, libraries)\n' \
    "$(mib "$(kb "$proxy_pid" RssAnon)")" "$(mib "$(kb "$proxy_pid" RssFile)")"
  echo "resident now, by mapping (KiB):"
  awk '/^[0-9a-f]+-[0-9a-f]+ / {name = ($6 == "" ? "[anonymous]" : $6)} /^Rss:/ {rss[name] += $2}
       END {for (n in rss) if (rss[n] >= 64) printf "  %8d  %s\n", rss[n], n}' "/proc/$proxy_pid/smaps" | sort -rn
}

# 2. Over HTTPS first, so the idle-connection run below uses the plain one.
load_run "https://127.0.0.1:$tls_port" HTTPS --ca-file "$work/bucket.pem"
stop_proxy
# 1. Over plain HTTP.
load_run "http://127.0.0.1:$bucket_port" HTTP
printf 'VmHWM with --demo (tiny table), idle: %.1f MiB\n' "$(mib "$demo_rss")"

# 4. Idle connections.
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
