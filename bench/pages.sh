#!/usr/bin/env bash
# The pages officers open most, on the full demo, next to nginx serving the same bytes in the
# same run (the baseline the issue measures against): for each page, its HTML is fetched once
# with the officer's cookie, written to a folder nginx serves, and both are loaded with wrk.
# Usage: bench/pages.sh [seconds] [connections] [binary]
#   binary: a release build of passerelle (default: build this tree's)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}; conns=${2:-16}; bin=${3:-}
for t in wrk nginx curl; do
  command -v "$t" >/dev/null || { echo "$t is missing: apt-get install -y wrk nginx-light curl" >&2; exit 1; }
done
if [ -z "$bin" ]; then cargo build --release -q; bin=./target/release/passerelle; fi
data=$(mktemp -d); port=18082; nport=18083; jar="$data/cookies"
PASSERELLE_DATA_DIR=$data PASSERELLE_LOG=warn "$bin" demo --bind 127.0.0.1:$port >/dev/null &
pid=$!
mkdir -p "$data/www" "$data/nginx"
cat >"$data/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $data/nginx/nginx.pid;
error_log $data/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$nport; root $data/www; }
}
CONF
nginx -c "$data/nginx/nginx.conf" -p "$data/nginx" &
npid=$!
trap 'kill $pid $npid 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs http://127.0.0.1:$port/health >/dev/null; do sleep 0.2; done
base_url="http://127.0.0.1:$port"
csrf=$(curl -fs -c "$jar" "$base_url/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base_url" \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=charge.qc@demo.passerelle.test" \
  --data-urlencode "password=passerelle-demo" "$base_url/login"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
rps() {
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "${@:2}" "$1")
  printf '%s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
echo "wrk: 2 threads, $conns connections, ${secs}s per URL, $(nproc) cores; binary $bin" >&2
printf '%-36s %12s %9s %12s %9s %9s\n' page "app req/s" "p99" "nginx req/s" "p99" ratio
for page in /calls/1/applications /projects/1 /commissions/1/dashboard /funded/1 /commissions/1/followup; do
  file="$data/www/$(echo "$page" | tr '/' '_').html"
  code=$(curl -s -o "$file" -w '%{http_code}' -H "Cookie: $cookie" "$base_url$page")
  [ "$code" = 200 ] || { echo "$page answered $code" >&2; exit 1; }
  read -r app app99 < <(rps "$base_url$page" -H "Cookie: $cookie")
  read -r ngx ngx99 < <(rps "http://127.0.0.1:$nport/$(basename "$file")")
  printf '%-36s %12s %9s %12s %9s %9s\n' "$page" "$app" "$app99" "$ngx" "$ngx99" \
    "$(awk -v a="$app" -v n="$ngx" 'BEGIN { printf "%.4f", a / n }')"
done
