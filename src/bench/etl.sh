#!/usr/bin/env bash
# Issue 4 figures, printed, never asserted:
#  1. importing the seed-sized faturamento file (17,345 rows) through the API vs `psql \copy` of the
#     same file into a table shaped like faturamento (same columns and indexes) on the same machine;
#  2. time and peak RSS of the app for a 1,000,000-row import;
#  3. analytics latency over those 1,000,000+ faturamento rows, cold (just after the import
#     invalidated the cache) and cached.
#
#   ./mvnw -B package -DskipTests     # builds target/quarkus-app and target/classes
#   [HEAP=128m] src/bench/etl.sh [rows]   # default 1000000 rows, 512m heap
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
APP=target/quarkus-app
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18081
WORK=$(mktemp -d)
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
trap 'kill $APP_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$APP/quarkus-run.jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
"$JAVA" -cp target/classes io.synapse.business.sample.SampleData faturamento 17345 "$WORK/faturamento-17345.csv" 1
"$JAVA" -cp target/classes io.synapse.business.sample.SampleData faturamento "$ROWS" "$WORK/faturamento-big.csv" 2
echo "files: $(du -h "$WORK/faturamento-17345.csv" | cut -f1) and $(du -h "$WORK/faturamento-big.csv" | cut -f1) ($ROWS rows)"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
$PSQL -c "drop database if exists synapse_bench" -c "create database synapse_bench"
redis-cli -n 5 flushdb >/dev/null 2>&1 || true

export QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/synapse_bench QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/5
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$WORK/public.pem SMALLRYE_JWT_SIGN_KEY_LOCATION=$WORK/private.pem
export SYNAPSE_ADMIN_EMAIL=bench@synapse.local SYNAPSE_ADMIN_PASSWORD=bench-password-1 QUARKUS_LOG_LEVEL=WARN
"$JAVA" -Xmx${HEAP:-512m} -jar "$APP/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 $APP_PID 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@synapse.local","password":"bench-password-1"}' \
  "http://127.0.0.1:$PORT/api/auth/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$APP_PID/status; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' /proc/$APP_PID/status; }
import() { # $1 file; prints seconds
  curl -fs -o "$WORK/import.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$1" "http://127.0.0.1:$PORT/api/imports/faturamento"
}

# 1. API import vs psql \copy, both into empty tables of the same shape (the API also creates the clients).
API_S=$(import "$WORK/faturamento-17345.csv")
$PSQL -d synapse_bench -c "create table copy_baseline (like faturamento including all)"
START=$(date +%s%N)
$PSQL -d synapse_bench -c "\\copy copy_baseline(data, cod_cliente, lote, origem, zs_gr_mercad, produto, cod_produto, zs_centro, zs_cidade, zs_uf, zs_peso_liquido, giro_sku_cliente, \"SKU\") FROM '$WORK/faturamento-17345.csv' WITH (FORMAT csv, HEADER true, DELIMITER '|')"
COPY_S=$(awk -v ns=$(( $(date +%s%N) - START )) 'BEGIN {printf "%.3f", ns / 1e9}')
echo "BENCH import 17,345 rows: API $API_S s, psql \\copy $COPY_S s, ratio $(awk -v a="$API_S" -v c="$COPY_S" 'BEGIN {printf "%.2f", a / c}')"

# 2. The big import: time and the process's peak RSS (VmHWM) before and after.
RSS_BEFORE=$(rss); HWM_BEFORE=$(hwm)
BIG_S=$(import "$WORK/faturamento-big.csv")
echo "BENCH import $ROWS rows: $BIG_S s ($(awk -v r="$ROWS" -v s="$BIG_S" 'BEGIN {printf "%.0f", r / s}') rows/s); RSS before ${RSS_BEFORE} MiB, peak before ${HWM_BEFORE} MiB, peak after $(hwm) MiB (-Xmx${HEAP:-512m})"
grep -o '"rows_loaded":[0-9]*' "$WORK/import.json"

# 3. Analytics over all faturamento rows: the first call after an import computes, the next ones hit Redis.
for analysis in sales-by-uf sales-by-city monthly-sales product-mix sku-turnover-by-client client-concentration; do
  URL="http://127.0.0.1:$PORT/api/analytics/business/$analysis"
  COLD=$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL")
  WARM=$(for i in 1 2 3 4 5; do curl -fs -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$URL"; done | sort -n | sed -n 3p)
  echo "BENCH analytics $analysis over $(( ROWS + 17345 )) rows: cold ${COLD} s, cached ${WARM} s (median of 5)"
done
