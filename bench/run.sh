#!/usr/bin/env bash
# Builds what the harness needs (api, worker and standalone exec jars, the bench module and its classpath), then runs
# the named suites against a broker, api and workers it starts as separate processes. Prints markdown rows and writes
# them to bench/target/runs/<time>/results.md; exits non-zero when a drill found a loss.
#
#   bench/run.sh [--quick] [all | benchmarks | drills | acceptance e2e scaleout footprint worker-footprint history
#                                                       drill-kill drill-broker drill-badinput
#                                                       drill-leader drill-api drill-partition]...
#
# Settings (environment): BENCH_RUNS (3), BENCH_DURATION (30 s), BENCH_WARMUP (10 s), BENCH_CLIENTS (64),
# BENCH_E2E_RATES (1000: separate processes), BENCH_E2E_STANDALONE_RATE (200: the standalone stack; 0 skips it), BENCH_SCALEOUT_CAP (90 s), BENCH_DRILL_DEPLOYS (2000), BENCH_DRILL_TARGETS (500),
# BENCH_DRILL_STAGE (50ms, stage length in drill 1 and the cluster drills), BENCH_DRILL_KILL_SECONDS (90, how long drill 1 keeps killing),
# BENCH_CLUSTER_RATE (20 deploys/s started by the cluster drills drill-leader, drill-api, drill-partition),
# BENCH_BAD_REQUESTS (10000), BENCH_HISTORY_RATE (2000 operations/s), BENCH_HISTORY_SECONDS (60; 20 with --quick), BENCH_TOKEN (bearer token; empty: mint one if the api can, else anonymous),
# BENCH_API_JVM_OPTS (default @api/jvm.options, the api's own), BENCH_WORKER_JVM_OPTS (default @worker/jvm.options, the worker's own), BENCH_WORKER_CONCURRENCY_ENV (NAME=VALUE,... for the concurrency-256
# run), BENCH_ACCEPTANCE_FIGURES (floor,ping,deploy,get,rest,seed: which figures benchmark 1 measures),
# BENCH_SKIP_BUILD (1: use the jars as they are). Harness, broker, api and workers all run on the JDK 25 that
# the build selects (scripts/jdk.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  ./mvnw -q -B package -DskipTests -pl api,worker,standalone,bench,bench/floor -am
fi
# The load generator of the acceptance benchmark: Debian's wrk (a C event loop, light on the cores it shares).
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package) for the load generator" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  else sudo apt-get install -y -qq wrk; fi
fi
source scripts/jdk.sh
exec "$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -XX:+UseParallelGC -Xms256m -Xmx1g -cp "bench/target/classes:bench/target/lib/*" \
  dev.lightdevops.bench.Bench "$@"
