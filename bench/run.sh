#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmarks Waymark against moto_server on the same machine, in the same run: for each operation (GetApps, then
# CreateApp) the load generator drives Waymark and then moto with the same connections, warm-up and duration, and
# the table ends with the ratio Waymark/moto of requests per second. Exits non-zero when any run had an error.
#
# Settings (environment):
#   BENCH_CONNECTIONS   concurrent connections (default 32)
#   BENCH_DURATION      measured seconds per case (default 10)
#   BENCH_WARMUP        warm-up seconds per case, not measured (default 3)
#   BENCH_OPERATIONS    operations, in order (default "GetApps CreateApp")
#   BENCH_TARGETS       targets, in order (default "waymark moto")
#   BENCH_SEED_APPS     apps created before GetApps so the page is realistic (default 10)
#   BENCH_SERVER_WARMUP seconds of unmeasured load per operation on Waymark before any case, so that its JIT
#                       has compiled the hot paths as in a long-running server (default 10; moto has no JIT)
#   BENCH_EXTRA_FLAGS   extra flags for `waymark serve`, e.g. --bench-no-audit=true
#   BENCH_SERVER_JAVA_OPTS  JVM options for the Waymark server
#   BENCH_GEN_JAVA_OPTS     JVM options for the load generator (default: C1 only and the serial GC, which
#                           halve its CPU per request in short runs: the generator shares the 2 cores with the
#                           server it measures, so every cycle it burns on C2 compilation is taken from the server)
#   BENCH_REBUILD=1     rebuild both jars even when they look current
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
connections="${BENCH_CONNECTIONS:-32}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-3}"
operations="${BENCH_OPERATIONS:-GetApps CreateApp}"
targets="${BENCH_TARGETS:-waymark moto}"
seed_apps="${BENCH_SEED_APPS:-10}"
server_warmup="${BENCH_SERVER_WARMUP:-10}"
gen_java_opts="${BENCH_GEN_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
extra_flags="${BENCH_EXTRA_FLAGS:-}"

server_jar="$root/target/waymark.jar"
bench_jar="$bench/target/waymark-bench.jar"

# Builds a jar when it is missing, older than its sources, or BENCH_REBUILD=1.
stale() {
  local jar="$1"; shift
  [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -f "$jar" ] || [ -n "$(find "$@" -newer "$jar" -type f -print -quit)" ]
}
if stale "$server_jar" "$root/src/main" "$root/pom.xml"; then
  echo "building $server_jar" >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2
fi
if stale "$bench_jar" "$bench/src" "$bench/pom.xml"; then
  echo "building $bench_jar" >&2
  (cd "$bench" && mvn -q -B package) >&2
fi
command -v moto_server >/dev/null || { echo "moto_server is not on PATH (pip install 'moto[server]')" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() {
  local port="$1" pid="$2" name="$3"
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before listening; its log:" >&2
      return 1
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "$name did not listen on $port within 30 s" >&2
  return 1
}

work="$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")"
results="$bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
waymark_pid=""
moto_pid=""
cleanup() {
  for pid in $waymark_pid $moto_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $waymark_pid $moto_pid; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

waymark_port="$(free_port)"
# shellcheck disable=SC2086 # BENCH_EXTRA_FLAGS and the Java options are word lists on purpose
java ${BENCH_SERVER_JAVA_OPTS:-} -jar "$server_jar" serve --port="$waymark_port" --data-dir="$work/data" \
  $extra_flags >"$results/waymark.log" 2>&1 &
waymark_pid=$!
wait_for_port "$waymark_port" "$waymark_pid" waymark || { cat "$results/waymark.log" >&2; exit 1; }
credentials="$work/data/credentials"

moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" >"$results/moto.log" 2>&1 &
moto_pid=$!
wait_for_port "$moto_port" "$moto_pid" moto_server || { cat "$results/moto.log" >&2; exit 1; }

endpoint_of() {
  case "$1" in
    waymark) echo "http://127.0.0.1:$waymark_port" ;;
    moto) echo "http://127.0.0.1:$moto_port" ;;
    *) echo "unknown target $1" >&2; return 1 ;;
  esac
}

echo "waymark serve ${extra_flags:-(no extra flags)} on :$waymark_port; moto_server $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || true) on :$moto_port"
failed=0
if [ "$server_warmup" != 0 ]; then
  for operation in $operations; do
    # shellcheck disable=SC2086
    if ! java $gen_java_opts -jar "$bench_jar" --endpoint="$(endpoint_of waymark)" --credentials-file="$credentials" \
        --operation="$operation" --connections="$connections" --warmup="$server_warmup" --duration=1 \
        --seed-apps="$seed_apps" --label=jit-warmup >"$results/warmup-$operation.txt" 2>&1; then
      echo "Waymark warm-up with $operation failed:" >&2
      cat "$results/warmup-$operation.txt" >&2
      failed=1
    fi
  done
fi

echo "connections=$connections warmup=${warmup}s duration=${duration}s seed-apps=$seed_apps server-warmup=${server_warmup}s/op cores=$(nproc) load-before=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "generator JVM: $gen_java_opts"
: >"$results/results.txt"
for operation in $operations; do
  for target in $targets; do
    # moto accepts any key; both targets get the root key of the fresh Waymark data directory.
    # shellcheck disable=SC2086
    if ! java $gen_java_opts -jar "$bench_jar" --endpoint="$(endpoint_of "$target")" \
        --credentials-file="$credentials" --profile=waymark --operation="$operation" \
        --connections="$connections" --warmup="$warmup" --duration="$duration" --seed-apps="$seed_apps" \
        --label="$target" | tee -a "$results/results.txt" | grep -v '^RESULT'; then
      echo "load generator failed for $target $operation" >&2
      failed=1
    fi
  done
done

echo
echo "load-after=$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results/results.txt" "$operations" <<'EOF' | tee "$results/table.txt"
import sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        _, target, op, rps, p50, p99, errors, requests = line.split()
        rows[(target, op)] = (float(rps), float(p50), float(p99), int(errors), int(requests))
print(f"{'operation':<10} {'target':<8} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
for op in sys.argv[2].split():
    for (target, o), (rps, p50, p99, errors, _) in rows.items():
        if o == op:
            print(f"{op:<10} {target:<8} {rps:>10.1f} {p50:>9.2f} {p99:>9.2f} {errors:>7}")
for op in sys.argv[2].split():
    w, m = rows.get(("waymark", op)), rows.get(("moto", op))
    if w and m and m[0] > 0:
        print(f"ratio Waymark/moto {op}: {w[0] / m[0]:.1f}x req/s")
EOF
if grep -q '^RESULT' "$results/results.txt" && awk '/^RESULT/ && $7 != 0 {bad = 1} END {exit bad ? 0 : 1}' "$results/results.txt"; then
  failed=1
fi
echo "raw output and server logs: $results"
exit "$failed"
