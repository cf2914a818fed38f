#!/usr/bin/env bash
# Loads the home page of the release binary on the demo data with wrk on loopback, next to a
# baseline in the same run: the embedded stylesheet (same middleware, no database, no template).
# Usage: bench/home.sh [seconds] [connections]   (needs `wrk`: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}; conns=${2:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q
data=$(mktemp -d); port=18080
PASSERELLE_DATA_DIR=$data PASSERELLE_LOG=warn ./target/release/passerelle demo --bind 127.0.0.1:$port >/dev/null &
pid=$!; trap 'kill $pid; rm -rf "$data"' EXIT
until curl -fs http://127.0.0.1:$port/health >/dev/null; do sleep 0.2; done
run() {
  local out rps p99
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-16s %10s req/s   p99 %s\n' "$1" "$rps" "$p99" >&2
  echo "$rps"
}
echo "wrk: 2 threads, $conns connections, ${secs}s per URL, $(nproc) cores" >&2
base=$(run /static/app.css)
home=$(run /)
awk -v h="$home" -v b="$base" 'BEGIN { printf "home / baseline = %.2f\n", h / b }' >&2
