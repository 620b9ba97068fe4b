#!/usr/bin/env bash
# Knowledge figures (issue 11): the in-process embedding model's rate, upload-to-ready through the
# API, then 100,000 chunks on stock PostgreSQL (the array store): search latency p50/p95 per mode,
# the chunks' size, and the sign-bit short list against an exact scan. Uses the test database
# (synapse_test) and deletes its documents at the end; takes about 10 minutes on 2 cores.
#   src/bench/knowledge.sh                 # 100,000 chunks
#   BENCH_CHUNKS=20000 BENCH_QUERIES=100 BENCH_EXACT=5 src/bench/knowledge.sh   # smaller and quicker
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B test -Dgroups=benchmark -DexcludedGroups=none -Dtest=KnowledgeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.chunks="${BENCH_CHUNKS:-100000}" -Dbench.queries="${BENCH_QUERIES:-200}" -Dbench.exact="${BENCH_EXACT:-20}" \
  | grep --line-buffered -E '^BENCH|Tests run|FAIL'
