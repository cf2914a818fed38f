#!/usr/bin/env bash
# Deadline rush on the demo data: the XIe call's deadlines are moved to ten minutes from now,
# then 80 applicants save drafts and file concurrently (bench/rush.mjs) on loopback.
# Usage: bench/rush.sh [seconds] [postgres-url-of-an-empty-database]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}; pg=${2:-}
cargo build --release -q
data=$(mktemp -d); port=18181
if [ -n "$pg" ]; then
  db="$pg"
else
  db="sqlite://$data/rush.sqlite"
fi
PASSERELLE_DATA_DIR=$data PASSERELLE_DATABASE_URL=$db PASSERELLE_LOG=warn \
  ./target/release/passerelle demo --bind 127.0.0.1:$port >/dev/null &
pid=$!; trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs http://127.0.0.1:$port/health >/dev/null; do sleep 0.2; done
deadline=$(( ($(date +%s) + 600) * 1000 ))
sql="update call_sides set deadline_at = $deadline where call_id = (select id from calls where state = 'published')"
if [ -n "$pg" ]; then psql -q "$pg" -c "$sql"; else python3 -c "import sqlite3,sys; c=sqlite3.connect('$data/rush.sqlite'); c.execute(sys.argv[1]); c.commit()" "$sql"; fi
if [ -n "$pg" ]; then echo "backend: postgres"; else echo "backend: sqlite"; fi
node bench/rush.mjs "http://127.0.0.1:$port" "$secs"
