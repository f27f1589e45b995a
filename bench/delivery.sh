#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Trail delivery: throughput (N recorded events delivered in one pass, default 200,000) and lag at a 1 s delivery
# interval (calls for S seconds, default 20). Usage: bench/delivery.sh [events] [seconds]
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests package)
(cd "$bench" && mvn -q -B -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/target/waymark.jar" "$bench/target/waymark-bench.jar" "$work/"
java -cp "$work/waymark-bench.jar:$work/waymark.jar" dev.waymark.bench.DeliveryBench "${1:-200000}" "${2:-20}" \
  2>&1 | grep -v ' INFO \| WARN '
