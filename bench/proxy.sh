#!/usr/bin/env bash
# oci-proxy load benchmark (not a test): wrk on loopback, 2 threads, 64
# connections, 10 s per scenario, server and wrk sharing this machine.
# Baseline measured in the same run: nginx (2 workers) answering the same
# 307 with a fixed `return`, the cheapest redirect a C server can give.
# Prints req/s, p50/p99 latency and the server's peak RSS per scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
duration=${DURATION:-10s}
bin=build/release/app/proxy/oci-proxy
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
              echo $((20000 + RANDOM % 20000)); }
wait_port() { for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"

start_nginx() { # name workers server-block
  local dir=$work/$1; mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<CONF
$user_line
daemon off; worker_processes $2; pid $dir/nginx.pid; error_log $dir/error.log;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $dir/b; proxy_temp_path $dir/p; fastcgi_temp_path $dir/f;
       uwsgi_temp_path $dir/u; scgi_temp_path $dir/s; keepalive_requests 1000000;
       server { $3 } }
CONF
  "$nginx_bin" -c "$dir/nginx.conf" -e "$dir/error.log" & pids+=($!)
}

# CPU ticks (user+system) of a process and its children, e.g. nginx workers.
ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

run_wrk() { # url server-pid → "req/s p50 p99 server-cpu-us/req wrk-cpu-us/req"
  local cpu before after TIMEFORMAT='%U %S'
  before=$(ticks "$2")
  cpu=$( { time wrk -t2 -c64 -d"$duration" --latency "$1" >"$work/wrk.out"; } 2>&1 )
  after=$(ticks "$2")
  awk -v cpu="$cpu" -v server=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /requests in/ {n=$1}
    END {split(cpu, c, " "); printf "%s %s %s %.1f %.1f", rps, p50, p99, server*1e6/hz/n, (c[1]+c[2])*1e6/n}' "$work/wrk.out"
}

# The bucket: one blob present.
bucket_port=$(free_port)
mkdir -p "$work/bucket/containers/images"
printf 'layer' >"$work/bucket/containers/images/sha256:abc"
start_nginx bucket 1 "listen 127.0.0.1:$bucket_port; root $work/bucket;"
wait_port "$bucket_port"

# The baseline redirector.
base_port=$(free_port)
start_nginx baseline 2 "listen 127.0.0.1:$base_port; location / { return 307 https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images\$uri; }"
wait_port "$base_port"
base_pid=${pids[-1]}

start_proxy() { # extra args...
  port=$(free_port); admin=$(free_port)
  "$bin" --demo --threads 2 --listen "127.0.0.1:$port" --admin-listen "127.0.0.1:$admin" \
    --default-aws-base "http://127.0.0.1:$bucket_port" "$@" 2>"$work/proxy.log" & proxy_pid=$!; pids+=($proxy_pid)
  wait_port "$port"
}
rss_peak() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$proxy_pid/status"; }

# "srv us/r" is the server's CPU time per request (user + system, all its
# processes), "wrk us/r" the load generator's: with both on the same 2 cores,
# 1 s / wrk's figure is the most any server can be measured at here.
printf '%-34s %10s %9s %9s %8s %8s %7s %9s\n' scenario req/s p50 p99 "srv us/r" "wrk us/r" "RSS MB" "vs nginx"
b=$(run_wrk "http://127.0.0.1:$base_port/v2/pause/manifests/latest" "$base_pid")
printf '%-34s %10s %9s %9s %8s %8s %7s %9s\n' "baseline: nginx return 307" $b - -
base_rps=${b%% *}

start_proxy
curl -s -o /dev/null "http://127.0.0.1:$port/v2/pause/blobs/sha256:abc" || true
for s in "manifest redirect|/v2/pause/manifests/latest" "/v2/ ping|/v2/" \
         "blob redirect, cache hit|/v2/pause/blobs/sha256:abc" \
         "blob not in bucket (neg. cache)|/v2/pause/blobs/sha256:missing"; do
  name=${s%%|*}; path=${s#*|}
  r=$(run_wrk "http://127.0.0.1:$port$path" "$proxy_pid")
  rps=${r%% *}
  printf '%-34s %10s %9s %9s %8s %8s %7s %8.2fx\n' "$name" $r "$(rss_peak)" "$(awk -v a="$rps" -v b="$base_rps" 'BEGIN{print a/b}')"
done
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true

start_proxy --negative-ttl 0
r=$(run_wrk "http://127.0.0.1:$port/v2/pause/blobs/sha256:missing" "$proxy_pid")
printf '%-34s %10s %9s %9s %8s %8s %7s %9s\n' "blob miss, --negative-ttl 0" $r "$(rss_peak)" -
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true
