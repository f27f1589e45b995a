#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Audited write throughput by store engine (issue 10): CreateApp (SigV4 verified, authorized, executed, recorded as
# a CloudTrail event and durably committed) replayed by wrk against
#   1. one node on the embedded SQLite file,
#   2. one node on PostgreSQL,
#   3. two nodes on the same PostgreSQL database (one wrk per node, half the connections each, at the same time),
# printing req/s for each and the ratios. Needs wrk and a PostgreSQL server: BENCH_PG_HOST (127.0.0.1),
# BENCH_PG_PORT (5432), BENCH_PG_USER (postgres), BENCH_PG_PASSWORD (waymark); each run gets a fresh database.
# Settings: BENCH_CONNECTIONS (32), BENCH_DURATION (10), BENCH_WARMUP (5).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
connections="${BENCH_CONNECTIONS:-32}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-5}"
pg_host="${BENCH_PG_HOST:-127.0.0.1}" pg_port="${BENCH_PG_PORT:-5432}"
pg_user="${BENCH_PG_USER:-postgres}" pg_password="${BENCH_PG_PASSWORD:-waymark}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is not installed" >&2; exit 2; }
source "$bench/common.sh"
psql_admin() { PGPASSWORD="$pg_password" psql -qAt -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "$1"; }

start_node() { # data-dir port [flags...]
  local dir="$1" port="$2"; shift 2
  java -jar "$root/target/waymark.jar" serve --port="$port" --data-dir="$dir" "$@" > "$dir.$port.log" 2>&1 &
  pids+=($!)
  wait_for "$port"
  for _ in $(seq 1 50); do [ -f "$dir/credentials" ] && break; sleep 0.1; done
}
stop_nodes() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }

script() { # credentials port out
  python3 "$bench/presign.py" "$1" waymark POST "http://127.0.0.1:$2/v1/apps" '{"Name":"bench"}' > "$3"
  cat >> "$3" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %d\n", summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
}
measure() { # ports... ; prints the summed req/s
  local i=0 lua files=() port
  for port in "$@"; do
    script "$dir/credentials" "$port" "$work/n$i.lua"
    wrk -t1 -c$((connections / $#)) -d"${warmup}s" -s "$work/n$i.lua" "http://127.0.0.1:$port/v1/apps" > /dev/null &
    i=$((i + 1))
  done
  wait
  i=0
  for port in "$@"; do
    wrk -t1 -c$((connections / $#)) -d"${duration}s" -s "$work/n$i.lua" "http://127.0.0.1:$port/v1/apps" > "$work/r$i.txt" &
    files+=("$work/r$i.txt"); i=$((i + 1))
  done
  wait
  python3 - "${files[@]}" <<'PY'
import sys
total = 0.0
for name in sys.argv[1:]:
    line = [l for l in open(name) if l.startswith("RESULT")][0].split()
    if line[2] != "0":
        sys.exit("errors in " + name)
    total += float(line[1])
print("%.1f" % total)
PY
}

dir="$work/sqlite"; p1="$(free_port)"
start_node "$dir" "$p1"
sqlite="$(measure "$p1")"; stop_nodes
echo "sqlite, 1 node:        $sqlite req/s"

db="waymark_bench_$$"; psql_admin "CREATE DATABASE $db"
url="jdbc:postgresql://$pg_host:$pg_port/$db?user=$pg_user&password=$pg_password"
dir="$work/pg1"; p1="$(free_port)"
start_node "$dir" "$p1" --database-url="$url"
pg1="$(measure "$p1")"; stop_nodes
echo "postgresql, 1 node:    $pg1 req/s"

psql_admin "DROP DATABASE $db"; psql_admin "CREATE DATABASE $db"
dir="$work/pg2"; p1="$(free_port)"; p2="$(free_port)"
start_node "$dir" "$p1" --database-url="$url"; start_node "$dir" "$p2" --database-url="$url"
pg2="$(measure "$p1" "$p2")"; stop_nodes
psql_admin "DROP DATABASE $db"
echo "postgresql, 2 nodes:   $pg2 req/s"
python3 -c "print('ratios: postgresql 1 node / sqlite %.2f, postgresql 2 nodes / 1 node %.2f, 2 nodes / sqlite %.2f' % ($pg1 / $sqlite, $pg2 / $pg1, $pg2 / $sqlite))"
