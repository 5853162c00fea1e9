#!/usr/bin/env bash
# The producer benchmark with the broker pinned to CPU 1 and the benchmark to CPU 0 (taskset), so they do
# not compete for the same core, run in both task orders: average the two ratios. Run after npm run build.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
taskset -c 1 node packages/testing/dist/cli.js start >"$log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q KAFKA_BOOTSTRAP_SERVERS= "$log" && break; sleep 0.5; done
export KAFKA_BOOTSTRAP_SERVERS=$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$log")
for order in raw-first kafkakit-first; do
  BENCH_ORDER=$order taskset -c 0 npx vitest bench --run --config bench/vitest.config.ts bench/producer.bench.ts 2>&1 |
    grep --line-buffered '\[producer-bench\]' | sed "s/^/$order /"
done
