#!/usr/bin/env bash
# Budget check figures, printed, never asserted. On a database of its own (synapse_bench_budgets,
# every migration applied with psql), with RUNS runs this month for one heavy user (default
# 100,000) and as many again spread over 8 others:
#  1. what a budget check reads per budget, as pgbench latency: the period's sum over the user's
#     runs (what BudgetService ran before V14) next to the per-day sums it reads now;
#  2. what keeping those sums costs a run: inserting one, with the trigger and without it.
#
#   src/bench/budgets.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-100000}
DB=synapse_bench_budgets
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

$PSQL -c "drop database if exists $DB" -c "create database $DB"
for f in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
  $PSQL -d $DB -f "$f" > /dev/null
done
$PSQL -d $DB <<SQL
INSERT INTO users (id, email, password_hash)
SELECT ('00000000-0000-0000-0000-00000000000' || g)::uuid, 'u' || g || '@bench.local', 'x' FROM generate_series(1, 9) g;
INSERT INTO runs (id, user_id, agent_type, status, total_tokens, cost_estimate, created_at)
SELECT gen_random_uuid(), ('00000000-0000-0000-0000-00000000000' || (CASE WHEN g <= $RUNS THEN 1 ELSE 2 + g % 8 END))::uuid,
       'chat_reply', 'completed', 500 + g % 700, (500 + g % 700) * 0.000002,
       date_trunc('month', now()) + random() * (now() - date_trunc('month', now()))
FROM generate_series(1, 2 * $RUNS) g;
VACUUM ANALYZE;
SQL
HEAVY=00000000-0000-0000-0000-000000000001
cat > "$WORK/runs.sql" <<SQL
SELECT coalesce(sum(run_spend_tokens(total_tokens, tokens_reserved, error_code)), 0),
       coalesce(sum(run_spend_cost(cost_estimate, cost_reserved, error_code)), 0)
FROM runs WHERE created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND user_id = '$HEAVY';
SQL
cat > "$WORK/daily.sql" <<SQL
SELECT coalesce(sum(tokens), 0), coalesce(sum(cost), 0) FROM run_spend_daily
WHERE owner_kind = 'u' AND owner_id = '$HEAVY' AND day >= date_trunc('month', now() AT TIME ZONE 'UTC')::date;
SQL
cat > "$WORK/insert.sql" <<SQL
INSERT INTO runs (id, user_id, agent_type, status, total_tokens, cost_estimate)
VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'chat_reply', 'completed', 100, 0.0001);
SQL
bench() { pgbench -h 127.0.0.1 -U postgres -n -f "$1" -T 10 -c 1 $DB 2>/dev/null | sed -n 's/latency average = //p'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$RUNS runs this month for one user: the same totals, $($PSQL -d $DB -Atc "$(cat "$WORK/runs.sql")" | tr '|' ' ') from runs, $($PSQL -d $DB -Atc "$(cat "$WORK/daily.sql")" | tr '|' ' ') from the daily sums"
echo "budget check, sum over the period's runs: $(bench "$WORK/runs.sql")"
echo "budget check, per-day sums (now):        $(bench "$WORK/daily.sql")"
echo "insert a run, with the trigger:           $(bench "$WORK/insert.sql")"
$PSQL -d $DB -c "ALTER TABLE runs DISABLE TRIGGER runs_track_spend"
echo "insert a run, without it:                 $(bench "$WORK/insert.sql")"
$PSQL -c "drop database $DB"
