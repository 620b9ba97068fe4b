#!/bin/sh
# Records the JDK AOT cache (app.aot) of the packaged Synapse app, for docker/Dockerfile.jvm.
#
# Why a script: Quarkus 3.34 records app.aot only while the @QuarkusIntegrationTest suite runs
# (quarkus.package.jar.aot.phase=auto); `./mvnw package` alone writes none. Those tests need
# PostgreSQL and Redis, which a `docker build` does not have. So this gives the app a throwaway
# PostgreSQL and Redis on 127.0.0.1, drives the real API for a while, stops it, and lets the JVM
# write the cache as it exits (JEP 514: -XX:AOTCacheOutput).
#
# Run it on the exact JVM and with the app at the exact path of the final image: at start the JVM
# refuses a cache made by another JDK build or runtime image, or with a jar of another size or mtime.
#
# Usage: aot-train.sh [APP_DIR]   (default /deployments; quarkus-run.jar must be in it)
# Needs java, curl, openssl, redis-server and PostgreSQL server binaries (initdb, pg_ctl). As root,
# PostgreSQL runs as the 'postgres' user, because it refuses to run as root.
# Knobs: AOT_ROUNDS (workload rounds, 20), AOT_HTTP_PORT, AOT_PG_PORT, AOT_REDIS_PORT, JAVA, JAVA_OPTS.
set -eu

APP_DIR=$(cd "${1:-/deployments}" && pwd)
ROUNDS=${AOT_ROUNDS:-20}
# Off the usual ports, so that nothing a package or a developer started already sits there.
HTTP_PORT=${AOT_HTTP_PORT:-58080}
PG_PORT=${AOT_PG_PORT:-55432}
REDIS_PORT=${AOT_REDIS_PORT:-56379}
JAVA=${JAVA:-java}
BASE="http://127.0.0.1:$HTTP_PORT"
ADMIN_EMAIL=admin@example.com
ADMIN_PASSWORD=aot-training-password
DB_PASSWORD=aot-training-db

WORK=$(mktemp -d /tmp/aot-train.XXXXXX)
APP_PID=

log() { printf 'aot-train: %s\n' "$*" >&2; }
die() {
    log "$*"
    if [ -f "$WORK/app.log" ]; then tail -n 60 "$WORK/app.log" >&2; fi
    exit 1
}
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    if [ -n "$APP_PID" ]; then kill -9 "$APP_PID" 2>/dev/null || true; fi
    if [ -f "$WORK/redis.pid" ]; then kill "$(cat "$WORK/redis.pid")" 2>/dev/null || true; fi
    if [ -f "$WORK/pg/postmaster.pid" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$APP_DIR/quarkus-run.jar" ] || die "no quarkus-run.jar in $APP_DIR"
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL server binaries found (set PG_BIN)"
for tool in "$JAVA" curl openssl redis-server redis-cli; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done

# --- throwaway PostgreSQL: fsync off, nothing here outlives the build -------------------------
chmod 0755 "$WORK"
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
printf '%s\n' "$DB_PASSWORD" >"$WORK/pwfile"
# scram-sha-256 as in production, so the driver's SASL classes are part of the training too.
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U synapse --pwfile="$WORK/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$WORK/pg.log" >&2; die "PostgreSQL did not start"; }

# --- throwaway Redis ------------------------------------------------------------------------
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --dir "$WORK" --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
i=0
until redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -le 30 ] || die "Redis did not start"; sleep 1
done

# --- throwaway JWT key pair -----------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/privateKey.pem" 2>/dev/null
openssl pkey -in "$WORK/privateKey.pem" -pubout -out "$WORK/publicKey.pem"

# --- the app, recording -----------------------------------------------------------------------
rm -f "$APP_DIR/app.aot"
log "starting the app in $APP_DIR with -XX:AOTCacheOutput"
(
    cd "$APP_DIR"
    export QUARKUS_PROFILE=prod \
        QUARKUS_HTTP_HOST=127.0.0.1 \
        QUARKUS_HTTP_PORT="$HTTP_PORT" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
        QUARKUS_DATASOURCE_USERNAME=synapse \
        QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
        QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" \
        QUARKUS_MAILER_MOCK=true \
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/publicKey.pem" \
        SMALLRYE_JWT_SIGN_KEY_LOCATION="$WORK/privateKey.pem" \
        SYNAPSE_JWT_ISSUER=https://aot-training.invalid \
        SYNAPSE_ADMIN_EMAIL="$ADMIN_EMAIL" \
        SYNAPSE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        SYNAPSE_DEMO_DATA=false \
        SYNAPSE_AUTH_REGISTRATION_ENABLED=true \
        SYNAPSE_AUTH_LOGIN_RATE_LIMIT=1000000 \
        SYNAPSE_AUTH_PRINCIPAL_RATE_LIMIT=1000000
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
    exec "$JAVA" -XX:AOTCacheOutput="$APP_DIR/app.aot" ${JAVA_OPTS:-} -jar "$APP_DIR/quarkus-run.jar"
) >"$WORK/app.log" 2>&1 &
APP_PID=$!

i=0
until curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during startup"
    i=$((i + 1)); [ "$i" -le 180 ] || die "the app was not ready after 180 s"
    sleep 1
done
log "ready after ~${i} s; driving $ROUNDS workload rounds"

# req METHOD PATH [JSON] [HEADER]: body to $WORK/body, status tallied. Error answers are wanted
# too (they train the problem+json mappers), so nothing here fails the script.
OK=0 CLIENT_ERR=0 SERVER_ERR=0
req() {
    if [ -n "${3:-}" ]; then
        code=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X "$1" -H "${4:-X-Training: 1}" \
            -H 'Content-Type: application/json' --data "$3" "$BASE$2" 2>/dev/null) || code=000
    else
        code=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X "$1" -H "${4:-X-Training: 1}" "$BASE$2" 2>/dev/null) || code=000
    fi
    case $code in
        2*) OK=$((OK + 1)) ;;
        4*) CLIENT_ERR=$((CLIENT_ERR + 1)) ;;
        *) SERVER_ERR=$((SERVER_ERR + 1)) ;;
    esac
}
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$WORK/body" | head -n 1; }

LOGINS=0
n=1
while [ "$n" -le "$ROUNDS" ]; do
    req POST /api/auth/login "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}"
    TOKEN=$(field access_token)
    REFRESH=$(field refresh_token)
    if [ -n "$TOKEN" ]; then LOGINS=$((LOGINS + 1)); fi
    BEARER="Authorization: Bearer $TOKEN"

    req GET /api/me "" "$BEARER"
    req GET /api/me/sessions "" "$BEARER"
    req GET "/api/users?limit=5" "" "$BEARER"
    req POST /api/users "{\"email\":\"training$n@example.com\",\"password\":\"training-password-$n\",\"full_name\":\"Training $n\",\"role\":\"rep\"}" "$BEARER"
    USER_ID=$(field id)
    req GET "/api/users/$USER_ID" "" "$BEARER"
    req PATCH "/api/users/$USER_ID" '{"full_name":"Training renamed"}' "$BEARER"
    req POST /api/api-keys "{\"name\":\"training-$n\",\"scopes\":[\"viewer\"]}" "$BEARER"
    KEY=$(field key)
    KEY_ID=$(field id)
    req GET /api/me "" "X-API-Key: $KEY"
    req GET "/api/api-keys?limit=10" "" "$BEARER"
    req DELETE "/api/api-keys/$KEY_ID" "" "$BEARER"
    req POST /api/admin/tokens "{\"service_name\":\"training-$n\",\"roles\":[\"viewer\"],\"ttl\":\"PT1H\"}" "$BEARER"
    req GET "/api/admin/tokens?limit=10" "" "$BEARER"
    req GET "/api/audit-logs?limit=20" "" "$BEARER"
    req POST /api/auth/register "{\"email\":\"self$n@example.com\",\"password\":\"training-password-$n\"}"
    req POST /api/auth/refresh "{\"refresh_token\":\"$REFRESH\"}"
    req DELETE "/api/users/$USER_ID" "" "$BEARER"
    # Error paths: 401, 400 (validation, bad UUID, unknown field), 404.
    req GET /api/me
    req POST /api/users '{}' "$BEARER"
    req POST /api/users '{"unknown_field":1}' "$BEARER"
    req GET /api/users/not-a-uuid "" "$BEARER"
    req POST /api/auth/login '{"email":"nobody@example.com","password":"wrong"}'
    req GET /api/nowhere
    req POST /api/auth/logout "" "$BEARER"
    req GET /q/health
    req GET /q/metrics
    req GET /q/openapi
    n=$((n + 1))
done
log "requests: $OK 2xx, $CLIENT_ERR 4xx, $SERVER_ERR other; $LOGINS of $ROUNDS logins worked"
if [ "$LOGINS" = 0 ]; then
    log "WARNING: no login worked, so the cache covers startup only (did the API change? see the log below)"
    tail -n 30 "$WORK/app.log" >&2
fi

# --- stop: the JVM assembles the cache while it exits ------------------------------------------
log "stopping the app; the JVM now writes app.aot"
kill -TERM "$APP_PID"
wait "$APP_PID" || true
APP_PID=
[ -s "$APP_DIR/app.aot" ] || die "the JVM wrote no app.aot"
log "wrote $APP_DIR/app.aot ($(du -h "$APP_DIR/app.aot" | cut -f1))"
