#!/usr/bin/env bash
# Throughput of the packaged app next to PostgreSQL's own pace for the same SQL. For each case, in
# interleaved rounds: the app's req/s and latency under wrk, then pgbench running the statements
# the endpoint runs (src/bench/throughput/*.sql) on the same data. Each app under test gets its own
# database (synapse_bench_tp_<n>, dropped at the end) and Redis database index REDIS_DB (default
# 13); nothing shared is flushed or restarted. Prints figures and the load average; asserts nothing.
#
#   ./mvnw -B package -DskipTests                  # target/quarkus-app
#   src/bench/throughput.sh [rounds]               # default 3 rounds
#   APPS="/tmp/before/target/quarkus-app target/quarkus-app" src/bench/throughput.sh   # before/after, interleaved
#
# Environment: DURATION (seconds per run, default 10), WARM (seconds of warm-up per case and app, 15),
# CONNECTIONS (16), REDIS_DB (13).
# Needs wrk and pgbench (apt-get install wrk postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
DURATION=${DURATION:-10}
WARM=${WARM:-15}
CONNECTIONS=${CONNECTIONS:-16}
REDIS_DB=${REDIS_DB:-13}
read -r -a APPS <<<"${APPS:-target/quarkus-app}"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
SQL=src/bench/throughput
WORK=$(mktemp -d)
PIDS=()
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for i in "${!APPS[@]}"; do "${PSQL[@]}" -c "drop database if exists synapse_bench_tp_$i" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"

json() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

# Start every app on its own port and database; log in, make an API key and a conversation.
for i in "${!APPS[@]}"; do
  app=${APPS[$i]}
  [ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: ./mvnw -B package -DskipTests first" >&2; exit 1; }
  db=synapse_bench_tp_$i
  port=$((18180 + i))
  "${PSQL[@]}" -c "drop database if exists $db" -c "create database $db" >/dev/null
  env QUARKUS_PROFILE=prod QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/$REDIS_DB \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="$WORK/private.pem" \
    SYNAPSE_ADMIN_EMAIL=bench@synapse.local SYNAPSE_ADMIN_PASSWORD=bench-password-1 SYNAPSE_DEMO_DATA=true \
    SYNAPSE_AUTH_PRINCIPAL_RATE_LIMIT=100000000 \
    "$JAVA" -jar "$app/quarkus-run.jar" >"$WORK/app$i.log" 2>&1 &
  PIDS+=($!)
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { cat "$WORK/app$i.log" >&2; exit 1; }
    sleep 0.2
  done
  base=http://127.0.0.1:$port
  token=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@synapse.local","password":"bench-password-1"}' \
    "$base/api/auth/login" | json access_token)
  key=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"throughput bench","scopes":["viewer"]}' "$base/api/api-keys" | json key)
  conversation=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"title":"throughput bench"}' "$base/api/conversations" | json id)
  echo "$token" >"$WORK/token$i"; echo "$key" >"$WORK/key$i"; echo "$conversation" >"$WORK/conversation$i"
  # What pgbench binds: the ids behind those credentials.
  "${PSQL[@]}" -d "$db" -F ' ' -c "select s.id, s.user_id from user_sessions s order by s.started_at desc limit 1" >"$WORK/session$i"
  "${PSQL[@]}" -d "$db" -c "select key_hash from api_keys limit 1" >"$WORK/hash$i"
done

# pgbench scripts: the credential check, then what the endpoint itself runs.
cat "$SQL/credential-jwt.sql" >"$WORK/me.sql"
cat "$SQL/credential-jwt.sql" "$SQL/list.sql" >"$WORK/jwt-list.sql"
cat "$SQL/credential-key.sql" "$SQL/list.sql" >"$WORK/key-list.sql"
cat "$SQL/credential-jwt.sql" "$SQL/write.sql" >"$WORK/write.sql"

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"role":"user","content":"How many tons did we sell in PR last month?"}'
LUA

# wrk: "<req/s> <p50 ms> <p99 ms>"
run_wrk() { # $1 connections, rest: wrk arguments
  local c=$1; shift
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DURATION}s" --latency "$@" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF } END { printf "%d %.2f %.2f%s\n", rps, p50, p99, bad ? " non-2xx:" bad : "" }'
}

# pgbench: "<tps> <mean latency ms>"
run_pgbench() { # $1 database, $2 connections, $3 script, rest: -D variables
  local db=$1 c=$2 script=$3; shift 3
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$c" -j "$(( c < 2 ? 1 : 2 ))" -T "$DURATION" -f "$script" "$@" "$db" 2>/dev/null \
    | awk '/latency average/ { lat = $4 } /^tps/ { tps = $3 } END { printf "%d %.2f\n", tps, lat }'
}

case_line() { printf '%-34s %-8s %9s %9s %9s   %s\n' "$@"; }

# The JIT needs load before figures mean anything: every case, WARM seconds each, on every app.
warm() {
  for i in "${!APPS[@]}"; do
    local base=http://127.0.0.1:$((18180 + i))
    wrk -t2 -c"$CONNECTIONS" -d"${WARM}s" -H "Authorization: Bearer $(cat "$WORK/token$i")" "$base/api/faturamento?limit=50" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${WARM}s" -H "X-API-Key: $(cat "$WORK/key$i")" "$base/api/faturamento?limit=50" >/dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${WARM}s" -s "$WORK/post.lua" -H "Authorization: Bearer $(cat "$WORK/token$i")" \
      "$base/api/conversations/$(cat "$WORK/conversation$i")/messages" >/dev/null
  done
}

echo "apps: ${APPS[*]}; $DURATION s per run, $CONNECTIONS connections, $ROUNDS rounds; $(nproc) cores"
warm
for round in $(seq "$ROUNDS"); do
  echo "round $round   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  case_line "case" "app" "req/s" "p50 ms" "p99 ms" "pgbench, same SQL (tps, mean ms)"
  for i in "${!APPS[@]}"; do
    base=http://127.0.0.1:$((18180 + i)); db=synapse_bench_tp_$i
    read -r session user <"$WORK/session$i"
    auth=(-D session="$session" -D user="$user")
    conv=$(cat "$WORK/conversation$i")
    read -r rps p50 p99 rest < <(run_wrk "$CONNECTIONS" -H "Authorization: Bearer $(cat "$WORK/token$i")" "$base/api/faturamento?limit=50")
    case_line "GET /api/faturamento?limit=50 JWT" "$i" "$rps" "$p50" "$p99" "$(run_pgbench "$db" "$CONNECTIONS" "$WORK/jwt-list.sql" "${auth[@]}") ${rest:-}"
    read -r rps p50 p99 rest < <(run_wrk "$CONNECTIONS" -H "X-API-Key: $(cat "$WORK/key$i")" "$base/api/faturamento?limit=50")
    case_line "GET /api/faturamento?limit=50 key" "$i" "$rps" "$p50" "$p99" "$(run_pgbench "$db" "$CONNECTIONS" "$WORK/key-list.sql" -D hash="$(cat "$WORK/hash$i")") ${rest:-}"
    read -r rps p50 p99 rest < <(run_wrk 1 -H "Authorization: Bearer $(cat "$WORK/token$i")" "$base/api/me")
    case_line "GET /api/me JWT, 1 connection" "$i" "$rps" "$p50" "$p99" "$(run_pgbench "$db" 1 "$WORK/me.sql" "${auth[@]}") ${rest:-}"
    read -r rps p50 p99 rest < <(run_wrk 1 "$base/q/health/live")
    case_line "GET /q/health/live, 1 connection" "$i" "$rps" "$p50" "$p99" "-"
    read -r rps p50 p99 rest < <(run_wrk "$CONNECTIONS" -s "$WORK/post.lua" -H "Authorization: Bearer $(cat "$WORK/token$i")" \
      "$base/api/conversations/$conv/messages")
    case_line "POST a message JWT" "$i" "$rps" "$p50" "$p99" "$(run_pgbench "$db" "$CONNECTIONS" "$WORK/write.sql" "${auth[@]}" -D conversation="$conv") ${rest:-}"
  done
done
echo "end   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
