#!/usr/bin/env bash
# Startup benchmark for the packaged JVM app: time from process launch to the first HTTP 200
# on /q/health/ready, and resident memory once ready; with and without the JDK AOT cache.
# Prints figures only; asserts nothing.
#
#   ./mvnw -B verify -Dquarkus.package.jar.aot.enabled=true   # builds target/quarkus-app (+ app.aot)
#   src/bench/startup.sh [runs]                                # default 5 runs per mode
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
APP=target/quarkus-app
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18080
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -f "$APP/quarkus-run.jar" ] || { echo "build first: ./mvnw -B verify -Dquarkus.package.jar.aot.enabled=true" >&2; exit 1; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists synapse_bench" -c "create database synapse_bench" >/dev/null

export QUARKUS_PROFILE=prod
export QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/synapse_bench
export QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$WORK/public.pem SMALLRYE_JWT_SIGN_KEY_LOCATION=$WORK/private.pem
export SYNAPSE_ADMIN_EMAIL=bench@synapse.local SYNAPSE_ADMIN_PASSWORD=bench-password-1
export QUARKUS_LOG_LEVEL=WARN

measure() { # $@: extra JVM flags; prints "millis rss_kib"
  local start pid ms rss
  start=$(date +%s%N)
  "$JAVA" "$@" -jar "$APP/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 $pid 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
    sleep 0.01
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$ms $rss"
}

report() { # $1: label, rest: JVM flags
  local label=$1; shift
  local times=() rsss=()
  measure "$@" >/dev/null # warm the page cache and run migrations once
  for _ in $(seq "$RUNS"); do
    read -r ms rss < <(measure "$@")
    times+=("$ms"); rsss+=("$rss")
  done
  local t r
  t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  r=$(printf '%s\n' "${rsss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-22s median start-to-ready %5d ms   median RSS %4d MiB   (runs: %s ms)\n' "$label" "$t" $((r / 1024)) "${times[*]}"
}

report "JVM, no AOT cache"
if [ -f "$APP/app.aot" ]; then
  report "JVM, AOT cache" -XX:AOTCache="$APP/app.aot"
else
  echo "no $APP/app.aot: build with -Dquarkus.package.jar.aot.enabled=true to compare"
fi
