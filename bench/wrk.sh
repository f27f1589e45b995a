#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Server-bound variant of run.sh: the load comes from wrk (C, epoll; Debian package `wrk`) replaying one
# SigV4-signed request per operation (bench/presign.py). Waymark verifies the signature of every request as
# usual; what changes is that the client no longer signs each request, so on 2 shared cores the figure is the
# servers' and not the Java load generator's. Same operations, same targets, same ratio as run.sh.
#
# Settings (environment): BENCH_CONNECTIONS (default 32), BENCH_DURATION (10), BENCH_WARMUP (12),
# BENCH_EXTRA_FLAGS (flags for `waymark serve`), BENCH_SERVER_JAVA_OPTS.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
connections="${BENCH_CONNECTIONS:-32}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-12}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v moto_server >/dev/null || { echo "moto_server is not on PATH" >&2; exit 2; }
source "$bench/common.sh"

waymark_port="$(free_port)"
java ${BENCH_SERVER_JAVA_OPTS:-} -jar "$root/target/waymark.jar" serve --port="$waymark_port" --data-dir="$work/data" \
  ${BENCH_EXTRA_FLAGS:-} > "$work/waymark.log" 2>&1 &
pids+=($!)
moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
pids+=($!)
wait_for "$waymark_port"; wait_for "$moto_port"
for _ in $(seq 1 50); do [ -f "$work/data/credentials" ] && break; sleep 0.1; done
printf '[waymark]\naws_access_key_id = AKIDMOTO\naws_secret_access_key = moto\n' > "$work/moto-credentials"

script() { # target operation
  local port credentials
  if [ "$1" = waymark ]; then port=$waymark_port; credentials="$work/data/credentials"; else port=$moto_port; credentials="$work/moto-credentials"; fi
  if [ "$2" = CreateApp ]; then
    python3 "$bench/presign.py" "$credentials" waymark POST "http://127.0.0.1:$port/v1/apps" '{"Name":"bench"}'
  else
    python3 "$bench/presign.py" "$credentials" waymark GET "http://127.0.0.1:$port/v1/apps?page-size=10"
  fi
}
url() { if [ "$1" = waymark ]; then echo "http://127.0.0.1:$waymark_port"; else echo "http://127.0.0.1:$moto_port"; fi; }

for target in waymark moto; do
  script "$target" CreateApp > "$work/seed.lua"
  wrk -t1 -c1 -d1s -s "$work/seed.lua" "$(url "$target")/v1/apps" > /dev/null   # seed apps for GetApps
done

printf '%-10s %-8s %10s %9s %9s %8s\n' operation target req/s 'p50 ms' 'p99 ms' errors
declare -A rate
for operation in GetApps CreateApp; do
  for target in waymark moto; do
    script "$target" "$operation" > "$work/$target-$operation.lua"
    cat >> "$work/$target-$operation.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
    path=/v1/apps; [ "$operation" = GetApps ] && path='/v1/apps?page-size=10'
    wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/$target-$operation.lua" "$(url "$target")$path" > /dev/null
    result="$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/$target-$operation.lua" "$(url "$target")$path" | grep '^RESULT')"
    read -r _ rps p50 p99 errors <<< "$result"
    rate[$target-$operation]=$rps
    printf '%-10s %-8s %10s %9s %9s %8s\n' "$operation" "$target" "$rps" "$p50" "$p99" "$errors"
    [ "$errors" = 0 ] || { echo "errors in $target $operation; see $work" >&2; exit 1; }
  done
done
for operation in GetApps CreateApp; do
  python3 -c "print('ratio Waymark/moto $operation: %.1fx req/s' % (${rate[waymark-$operation]} / ${rate[moto-$operation]}))"
done
