#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# LookupEvents latency over a large event history: fills a fresh store with N events (default 1,000,000) and times
# LookupEvents calls over HTTP (see HistoryBench.java). Usage: bench/history.sh [events] [calls-per-query]
# 10,000,000 events take about 15 minutes to fill and 16 GB of disk.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
events="${1:-1000000}"
calls="${2:-300}"
(cd "$root" && mvn -q -B -DskipTests package)
(cd "$bench" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Copies of the jars: a rebuild while the benchmark runs must not change the classes under it.
cp "$root/target/waymark.jar" "$bench/target/waymark-bench.jar" "$work/"
java -cp "$work/waymark-bench.jar:$work/waymark.jar" dev.waymark.bench.HistoryBench "$events" "$work/data" "$calls" \
  2>&1 | grep -v ' INFO '
