#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# UpdateEndpointsBatch ingest rate with the load from wrk rather than Java clients (issue 7's benchmark): batches of
# 100 new endpoints, each request with its own body under one UNSIGNED-PAYLOAD SigV4 signature (bench/unsigned.py),
# against one node on the embedded SQLite file; every call verified, written, recorded and durably committed.
# Settings: BENCH_CONNECTIONS (8), BENCH_DURATION (10), BENCH_WARMUP (15: C2 goes on compiling for about that long on 2 cores). Prints endpoints/s.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
connections="${BENCH_CONNECTIONS:-8}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-15}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
source "$bench/common.sh"

port="$(free_port)"
java -jar "$root/target/waymark.jar" serve --port="$port" --data-dir="$work/data" > "$work/waymark.log" 2>&1 &
pids+=($!)
wait_for "$port"
for _ in $(seq 1 50); do [ -f "$work/data/credentials" ] && break; sleep 0.1; done
app="$(AWS_SHARED_CREDENTIALS_FILE="$work/data/credentials" AWS_PROFILE=waymark AWS_ENDPOINT_URL="http://127.0.0.1:$port" \
  AWS_REGION=us-east-1 aws pinpoint create-app --create-application-request Name=bench --query ApplicationResponse.Id --output text)"
url="http://127.0.0.1:$port/v1/apps/$app/endpoints"
python3 "$bench/unsigned.py" "$work/data/credentials" waymark "$url" > "$work/endpoints.lua"
wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/endpoints.lua" "$url" > /dev/null
read -r _ rps errors p99 <<< "$(wrk -t1 -c"$connections" -d"${duration}s" -s "$work/endpoints.lua" "$url" | grep '^RESULT')"
[ "$errors" = 0 ] || { echo "errors: $errors; see $work/waymark.log" >&2; exit 1; }
python3 -c "print('UpdateEndpointsBatch: %.0f endpoints/s (%.1f batches/s of 100, p99 %s ms, %s connections)' % ($rps * 100, $rps, '$p99', '$connections'))"
