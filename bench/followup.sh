#!/usr/bin/env bash
# Loads the follow-up pages an officer uses most on the full demo (26 funded projects, their
# missions, the mid-term review): the Commission's dashboard (every project, mission and amount
# computed per request), a funded project's page and the Commission's follow-up list — next to
# a baseline in the same run: the stylesheet with the same signed-in cookie (same middleware
# and session lookup, no domain work). Usage: bench/followup.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}; conns=${2:-16}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q
data=$(mktemp -d); port=18081; jar="$data/cookies"
PASSERELLE_DATA_DIR=$data PASSERELLE_LOG=warn ./target/release/passerelle demo --bind 127.0.0.1:$port >/dev/null &
pid=$!; trap 'kill $pid; rm -rf "$data"' EXIT
until curl -fs http://127.0.0.1:$port/health >/dev/null; do sleep 0.2; done
base_url="http://127.0.0.1:$port"
csrf=$(curl -fs -c "$jar" "$base_url/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null -H "Origin: $base_url" \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=charge.qc@demo.passerelle.test" \
  --data-urlencode "password=passerelle-demo" "$base_url/login"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
run() {
  local out rps p99
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" "$base_url$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-28s %10s req/s   p99 %s\n' "$1" "$rps" "$p99" >&2
  echo "$rps"
}
echo "wrk: 2 threads, $conns connections, ${secs}s per URL, $(nproc) cores" >&2
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base_url/commissions/1/dashboard")
[ "$code" = 200 ] || { echo "not signed in (dashboard answered $code)" >&2; exit 1; }
base=$(run /static/app.css)
dash=$(run /commissions/1/dashboard)
funded=$(run /funded/1)
list=$(run /commissions/1/followup)
awk -v d="$dash" -v f="$funded" -v l="$list" -v b="$base" 'BEGIN {
  printf "dashboard / baseline = %.3f\nfunded project / baseline = %.3f\nfollow-up list / baseline = %.3f\n", d / b, f / b, l / b }' >&2
