# Sourced by the bench scripts: starts a broker pinned to CPU 1 (the benchmark then runs on CPU 0), exports
# KAFKA_BOOTSTRAP_SERVERS, and stops the broker on exit. Run from the repository root, after npm run build.
broker_log=$(mktemp)
taskset -c 1 node packages/testing/dist/cli.js start >"$broker_log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -f "$broker_log" ${bench_cleanup:-}' EXIT
for _ in $(seq 1 120); do grep -q KAFKA_BOOTSTRAP_SERVERS= "$broker_log" && break; sleep 0.5; done
KAFKA_BOOTSTRAP_SERVERS=$(sed -n 's/^KAFKA_BOOTSTRAP_SERVERS=//p' "$broker_log")
export KAFKA_BOOTSTRAP_SERVERS
