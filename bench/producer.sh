#!/usr/bin/env bash
# The producer benchmark with the broker pinned to CPU 1 and the benchmark to CPU 0 (taskset), so they do
# not compete for the same core. Knobs: BENCH_ROUNDS, BENCH_ROUND_MS. Run after npm run build.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/start-pinned-broker.sh
taskset -c 0 npx vitest bench --run --config bench/vitest.config.ts bench/producer.bench.ts 2>&1 |
  grep --line-buffered '\[producer-bench\]' | sed -u 's/.*\[producer-bench\]/[producer-bench]/'
