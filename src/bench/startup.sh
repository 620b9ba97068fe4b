#!/usr/bin/env bash
# Start-up and memory benchmark of what we ship: time from process launch to the first HTTP 200 on
# /q/health/ready, resident memory once ready, then throughput and resident memory after a load of
# authenticated requests. Measures each artifact that is built: the packaged JVM app without and
# with the JDK AOT cache, and the native executable. Prints figures only; asserts nothing.
#
#   ./mvnw -B verify -Dquarkus.package.jar.aot.enabled=true   # target/quarkus-app (+ app.aot)
#   src/bench/native-check.sh                                  # target/*-runner (native)
#   src/bench/startup.sh [runs]                                # default 5 runs per artifact
#
# Environment: LOAD_SECONDS (default 20; 0 skips the load), CONNECTIONS (16), NATIVE_OPTS (flags for
# the native executable, e.g. "-Xmx64m"), ONLY=jvm|aot|native, APP (default target/quarkus-app),
# AOT_TRAIN=1 (no app.aot built: record one with a short training run first). The load needs wrk
# (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
LOAD_SECONDS=${LOAD_SECONDS:-20}
CONNECTIONS=${CONNECTIONS:-16}
APP=${APP:-target/quarkus-app}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
RUNNER=$(ls target/*-runner 2>/dev/null | head -1 || true)
PORT=18080
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists synapse_bench" -c "create database synapse_bench" >/dev/null

export QUARKUS_PROFILE=prod
export QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/synapse_bench
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/${REDIS_DB:-13}
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$WORK/public.pem SMALLRYE_JWT_SIGN_KEY_LOCATION=$WORK/private.pem
export SYNAPSE_ADMIN_EMAIL=bench@synapse.local SYNAPSE_ADMIN_PASSWORD=bench-password-1
# Demo rows (17,345 sales) are loaded by the warm-up start only: later starts find the tables full.
export SYNAPSE_DEMO_DATA=true
# One principal sends every request of the load: lift its per-minute budget.
export SYNAPSE_AUTH_PRINCIPAL_RATE_LIMIT=100000000
export QUARKUS_LOG_LEVEL=WARN

start_app() { # $@: command line; sets PID and MS (millis to the first ready 200)
  local start
  start=$(date +%s%N)
  "$@" >"$WORK/app.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 $PID 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.005
  done
  MS=$(( ($(date +%s%N) - start) / 1000000 ))
}

rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

stop_app() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() { # $1: label, rest: command line
  local label=$1; shift
  local times=() rsss=()
  start_app "$@"; stop_app # warm the page cache, migrate, load the demo rows once
  for _ in $(seq "$RUNS"); do
    start_app "$@"
    times+=("$MS"); rsss+=("$(rss_mib $PID)")
    stop_app
  done
  printf '%-20s start-to-ready median %5d ms   RSS when ready median %4d MiB   (runs: %s ms)\n' "$label" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rsss[@]}" | median)" "${times[*]}"
  if [ "$LOAD_SECONDS" -gt 0 ] && command -v wrk >/dev/null; then
    start_app "$@"
    local token
    token=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@synapse.local","password":"bench-password-1"}' \
      "http://127.0.0.1:$PORT/api/auth/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    local rps
    rps=$(wrk -t2 -c"$CONNECTIONS" -d"${LOAD_SECONDS}s" -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT/api/faturamento?limit=50" | awk '/Requests\/sec/ {print int($2)}')
    printf '%-20s after %ds of GET /api/faturamento?limit=50 at %d connections: %6d req/s, RSS %4d MiB\n' "$label" \
      "$LOAD_SECONDS" "$CONNECTIONS" "$rps" "$(rss_mib $PID)"
    stop_app
  fi
}

if [ -z "${ONLY:-}" ] || [ "$ONLY" = jvm ]; then
  if [ -f "$APP/quarkus-run.jar" ]; then
    report "JVM, no AOT cache" "$JAVA" -jar "$APP/quarkus-run.jar"
  else
    echo "no $APP/quarkus-run.jar: ./mvnw -B verify first"
  fi
fi
if [ -z "${ONLY:-}" ] || [ "$ONLY" = aot ]; then
  AOT=$APP/app.aot
  if [ ! -f "$AOT" ] && [ -n "${AOT_TRAIN:-}" ]; then
    # A training run of our own (JDK 25: -XX:AOTCacheOutput): start, log in, a few requests, stop.
    AOT=$WORK/app.aot
    start_app "$JAVA" -XX:AOTCacheOutput="$AOT" -jar "$APP/quarkus-run.jar"
    token=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@synapse.local","password":"bench-password-1"}' \
      "http://127.0.0.1:$PORT/api/auth/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    for path in /api/me "/api/faturamento?limit=50" "/api/conversations?limit=5" /q/health/ready; do
      curl -fs -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$path" || true
    done
    stop_app
  fi
  if [ -f "$AOT" ]; then
    report "JVM, AOT cache" "$JAVA" -XX:AOTCache="$AOT" -jar "$APP/quarkus-run.jar"
  else
    echo "no $APP/app.aot: build with -Dquarkus.package.jar.aot.enabled=true, or set AOT_TRAIN=1 to record one here"
  fi
fi
if [ -z "${ONLY:-}" ] || [ "$ONLY" = native ]; then
  if [ -n "$RUNNER" ] && head -c 4 "$RUNNER" | grep -q ELF; then
    echo "native executable $RUNNER: $(( $(stat -c %s "$RUNNER") / 1024 / 1024 )) MiB"
    # shellcheck disable=SC2086
    report "native" "$RUNNER" ${NATIVE_OPTS:-}
  else
    echo "no native executable: src/bench/native-check.sh builds one"
  fi
fi
