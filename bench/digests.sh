#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Log file integrity at scale (see DigestBench.java): the time to decide, sign, store and write the digest of a period
# with N log files (default 10,000) for P periods (default 3) in the embedded store and one in moto_server, then
# validate-logs throughput (digest and log files per second) of `waymark validate-logs` against
# `aws cloudtrail validate-logs` on the same bucket, best of two runs each, and their ratio.
# Usage: bench/digests.sh [files] [periods]; BENCH_MOTO=false skips the moto store.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
command -v aws >/dev/null || { echo "the AWS CLI is not on PATH" >&2; exit 2; }
command -v moto_server >/dev/null || { echo "moto_server is not on PATH (pip install 'moto[server]')" >&2; exit 2; }
(cd "$root" && mvn -q -B -DskipTests package)
(cd "$bench" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Copies of the jars: a rebuild while the benchmark runs must not change the classes under it.
cp "$root/target/waymark.jar" "$bench/target/waymark-bench.jar" "$work/"
java -cp "$work/waymark-bench.jar:$work/waymark.jar" dev.waymark.bench.DigestBench \
  "$work/waymark-bench.jar:$work/waymark.jar" \
  "${1:-10000}" "${2:-3}" "${BENCH_MOTO:-true}" 2>&1 | grep -v ' INFO \| WARN '
