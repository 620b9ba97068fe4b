#!/usr/bin/env bash
# Telemetry figures (issue 12): ingestion into PostgreSQL through the API with batches of 10,000,
# the store alone and COPY of the same rows; 10,000,000 events over 30 days: analytics p50/p95 read
# raw and from rollups, the rollup's time, disk per million events; the same into ClickHouse when
# one answers on 127.0.0.1:8123 (its benchmark database is dropped at the end). Uses the test
# database (synapse_test; the next test run clears it); about 15 minutes on 2 cores.
#   src/bench/telemetry.sh
#   BENCH_EVENTS=100000 BENCH_BIG=1000000 BENCH_CLIENTS=4 src/bench/telemetry.sh   # smaller, more senders
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B test -Dgroups=benchmark -DexcludedGroups=none -Dtest=TelemetryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="${BENCH_EVENTS:-300000}" -Dbench.big="${BENCH_BIG:-10000000}" -Dbench.clients="${BENCH_CLIENTS:-2}" \
  | grep --line-buffered -E '^BENCH|Tests run|FAIL|ERROR'
