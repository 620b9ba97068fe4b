#!/usr/bin/env bash
# Issue 10 figure, printed, never asserted: streaming a 1,000,000-row result from a registered
# PostgreSQL database through POST /api/datasources/{id}/query as CSV and as JSON, with the
# packaged app's peak RSS (VmHWM) after a 10,000-row export and after each 1,000,000-row one:
# a streamed result keeps memory flat. (Guard overhead and 500-table introspection:
# ./mvnw test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DatasourceBenchmark)
#
#   ./mvnw -B package -DskipTests
#   [HEAP=256m] src/bench/datasources.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
APP=target/quarkus-app
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18082
WORK=$(mktemp -d)
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
trap 'kill $APP_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -f "$APP/quarkus-run.jar" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }

$PSQL -c "drop database if exists synapse_bench" -c "create database synapse_bench" -c "drop database if exists synapse_ds_bench" \
      -c "create database synapse_ds_bench"
$PSQL -c "do \$\$ begin if not exists (select 1 from pg_roles where rolname = 'synapse_bench_reader') then create role synapse_bench_reader login; end if; end \$\$"
$PSQL -d synapse_ds_bench -c "create table big (id bigint primary key, name text not null, amount numeric(12,2), day date, note text)" \
      -c "insert into big select g, 'customer ' || g, (g % 10000) / 100.0, date '2025-01-01' + (g % 365), repeat('x', 40) from generate_series(1, $ROWS) g" \
      -c "grant select on big to synapse_bench_reader" -c "analyze big"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"
export QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$PORT
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/synapse_bench QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/5
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$WORK/public.pem SMALLRYE_JWT_SIGN_KEY_LOCATION=$WORK/private.pem
export SYNAPSE_ADMIN_EMAIL=bench@synapse.local SYNAPSE_ADMIN_PASSWORD=bench-password-1 QUARKUS_LOG_LEVEL=WARN
export SYNAPSE_DATASOURCES_ENCRYPTION_ACTIVE_KEY_ID=bench SYNAPSE_DATASOURCES_ENCRYPTION_KEYS__BENCH_=$(openssl rand -base64 32)
export SYNAPSE_DATASOURCES_QUERY_MAX_ROWS=$((ROWS * 2)) SYNAPSE_DATASOURCES_QUERY_MAX_BYTES=4G SYNAPSE_DATASOURCES_QUERY_STATEMENT_TIMEOUT=10m
"$JAVA" -Xmx${HEAP:-256m} -jar "$APP/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 $APP_PID 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.2
done
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@synapse.local","password":"bench-password-1"}' \
  "http://127.0.0.1:$PORT/api/auth/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
ID=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/api/datasources" -d \
  '{"name":"bench","engine":"postgresql","host":"localhost","port":5432,"database":"synapse_ds_bench","username":"synapse_bench_reader","password":"x","ssl_mode":"disable"}' \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
curl -fs -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/datasources/$ID/test"
hwm() { awk '/VmHWM/ {print int($2/1024)}' /proc/$APP_PID/status; }
export_rows() { # $1 rows, $2 csv|json; prints seconds and bytes
  curl -fs -o /dev/null -w '%{time_total} s, %{size_download} bytes' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$PORT/api/datasources/$ID/query?format=$2" -d "{\"sql\":\"SELECT * FROM big ORDER BY id\",\"limit\":$1}"
}
echo "BENCH started: peak RSS $(hwm) MiB (heap max ${HEAP:-256m})"
echo "BENCH 10,000 rows as CSV: $(export_rows 10000 csv); peak RSS $(hwm) MiB"
echo "BENCH $ROWS rows as CSV: $(export_rows "$ROWS" csv); peak RSS $(hwm) MiB"
echo "BENCH $ROWS rows as JSON: $(export_rows "$ROWS" json); peak RSS $(hwm) MiB"
kill $APP_PID; wait $APP_PID 2>/dev/null || true
$PSQL -c "drop database synapse_ds_bench with (force)" -c "drop database synapse_bench with (force)"
