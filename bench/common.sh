# SPDX-License-Identifier: Apache-2.0
# Sourced by the wrk-based benchmarks: the built jar, a work folder removed on exit with the processes started
# (append their pids to "pids"), a free port, and waiting for a port to accept connections.
[ -f "$root/target/waymark.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not open" >&2; exit 1; }
