#!/usr/bin/env bash
# The consumer benchmark with the broker pinned to CPU 1 and the benchmark to CPU 0 (taskset), so they do
# not compete for the same core, run in both task orders; the last lines average the two orders' ratios.
# Run after npm run build. BENCH_ROUNDS, BENCH_SCALE, BENCH_ONLY, BENCH_CASES: see bench/consumer.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
bench_cleanup=$out
source bench/start-pinned-broker.sh
for order in raw-first kafkakit-first; do
  BENCH_ORDER=$order taskset -c 0 npx vitest bench --run --config bench/vitest.config.ts bench/consumer.bench.ts 2>&1 |
    grep --line-buffered '\[consumer-bench\]' | sed -u "s/.*\[consumer-bench\]/$order [consumer-bench]/" | tee -a "$out"
done
# Mean of the two orders for every kafkakit/raw ratio line.
awk -F' \\| ' '/ \/ / {
  sub(/^[a-z-]+ \[consumer-bench\] /, "", $1)
  k = $1 " | " $2
  split($3, t, " "); split($4, c, " "); split($6, d, /[ ,]+/)
  thr[k] += t[2]; cpu[k] += c[2]; mthr[k] += d[4]; mcpu[k] += d[6]; n[k]++
  if (!(k in seen)) { seen[k] = 1; keys[++m] = k }
}
END { for (i = 1; i <= m; i++) { k = keys[i]
  printf "both orders [consumer-bench] %s | throughput %.3f | CPU/rec %.3f | per-round median: throughput %.3f, CPU/rec %.3f\n",
    k, thr[k] / n[k], cpu[k] / n[k], mthr[k] / n[k], mcpu[k] / n[k] } }' "$out"
