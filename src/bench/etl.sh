#!/usr/bin/env bash
# Import and analytics figures, printed, never asserted:
#  1. importing IMPORT_ROWS (100,000) faturamento rows through the API vs `psql \copy` of the same
#     file, into an empty faturamento and into an empty table of the same columns and indexes but
#     no foreign key, in interleaved rounds (median of ROUNDS, 3);
#  2. time and peak RSS of the app for a ROWS-row import (default 1,000,000);
#  3. analytics latency over those rows, cold (just after the import invalidated the cache) and cached.
#
#   ./mvnw -B package -DskipTests     # builds target/quarkus-app and target/classes
#   [HEAP=128m] [APP=target/quarkus-app] src/bench/etl.sh [rows]   # 512m heap
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
APP=${APP:-target/quarkus-app}
IMPORT_ROWS=${IMPORT_ROWS:-100000}
ROUNDS=${ROUNDS:-3}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18081
WORK=$(mktemp -d)
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
trap 'kill $APP_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f "$APP/quarkus-run.jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
"$JAVA" -cp target/classes io.synapse.business.sample.SampleData faturamento "$IMPORT_ROWS" "$WORK/faturamento-small.csv" 1
"$JAVA" -cp target/classes io.synapse.business.sample.SampleData faturamento "$ROWS" "$WORK/faturamento-big.csv" 2
echo "files: $(du -h "$WORK/faturamento-small.csv" | cut -f1) ($IMPORT_ROWS rows) and $(du -h "$WORK/faturamento-big.csv" | cut -f1) ($ROWS rows)"

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
import() { # $1 file, $2 mode (append); prints seconds
  curl -fs -o "$WORK/import.json" -w '%{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$1" "http://127.0.0.1:$PORT/api/imports/faturamento?mode=${2:-append}"
}

# 1. API import vs psql \copy of the same file, each into an emptied table, interleaved.
COLUMNS='data, cod_cliente, lote, origem, zs_gr_mercad, produto, cod_produto, zs_centro, zs_cidade, zs_uf, zs_peso_liquido, giro_sku_cliente, "SKU"'
$PSQL -d synapse_bench -c "create table copy_baseline (like faturamento including all)"
seconds_since() { awk -v ns=$(( $(date +%s%N) - $1 )) 'BEGIN {printf "%.3f", ns / 1e9}'; }
copy_into() { # $1 table; prints seconds
  $PSQL -d synapse_bench -c "truncate $1" -c "checkpoint"
  local start; start=$(date +%s%N)
  $PSQL -d synapse_bench -c "\\copy $1($COLUMNS) FROM '$WORK/faturamento-small.csv' WITH (FORMAT csv, HEADER true, DELIMITER '|')"
  seconds_since "$start"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
API_RUNS=(); FK_RUNS=(); BARE_RUNS=()
for round in $(seq "$ROUNDS"); do
  $PSQL -d synapse_bench -c "truncate faturamento" -c "checkpoint"
  # replace: the same file again is not a duplicate, and deleting nothing costs nothing
  API_RUNS+=("$(import "$WORK/faturamento-small.csv" replace)")
  FK_RUNS+=("$(copy_into faturamento)")
  BARE_RUNS+=("$(copy_into copy_baseline)")
done
API_S=$(printf '%s\n' "${API_RUNS[@]}" | median); FK_S=$(printf '%s\n' "${FK_RUNS[@]}" | median); BARE_S=$(printf '%s\n' "${BARE_RUNS[@]}" | median)
echo "BENCH import $IMPORT_ROWS rows (median of $ROUNDS; load average $(cut -d' ' -f1-3 /proc/loadavg)): API $API_S s (${API_RUNS[*]})"
echo "BENCH   psql \\copy into faturamento $FK_S s (${FK_RUNS[*]}): API ratio $(awk -v a="$API_S" -v c="$FK_S" 'BEGIN {printf "%.2f", a / c}')"
echo "BENCH   psql \\copy into a same-shape table without foreign keys $BARE_S s (${BARE_RUNS[*]}): API ratio $(awk -v a="$API_S" -v c="$BARE_S" 'BEGIN {printf "%.2f", a / c}')"
$PSQL -d synapse_bench -c "truncate faturamento"

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
  echo "BENCH analytics $analysis over $ROWS rows: cold ${COLD} s, cached ${WARM} s (median of 5)"
done
