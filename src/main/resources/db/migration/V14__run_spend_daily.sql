-- Issue 14, part 2: what a budget has spent, read in a bounded number of rows. Summing a period's
-- runs took 31 ms for a user with 100,000 runs this month (pgbench, src/bench/budgets.sh), under the
-- user's budget lock; these per-day sums take at most 31 rows. They are derived from runs by a
-- trigger in the same transaction as every change to a run, so they cannot drift from them: runs stay
-- the one record of spend, and the tests compare the two.

-- What a run counts against a budget: its real figures once known; without them its reservation,
-- unless the provider refused or could not be reached (then it cannot have charged).
CREATE FUNCTION run_spend_tokens(total integer, reserved integer, error_code varchar) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN total IS NOT NULL THEN total
                WHEN error_code IN ('provider_error', 'provider_unreachable') THEN 0
                ELSE coalesce(reserved, 0) END;

CREATE FUNCTION run_spend_cost(estimate numeric, reserved numeric, error_code varchar) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN estimate IS NOT NULL THEN estimate
                WHEN error_code IN ('provider_error', 'provider_unreachable') THEN 0
                ELSE coalesce(reserved, 0) END;

-- owner_kind: 'u' a user (all their runs), 'k' an API key, 't' an issued token. day: the UTC day of runs.created_at.
CREATE TABLE run_spend_daily (
    owner_kind char(1)        NOT NULL,
    owner_id   uuid           NOT NULL,
    day        date           NOT NULL,
    tokens     bigint         NOT NULL DEFAULT 0,
    cost       numeric(20, 6) NOT NULL DEFAULT 0,
    PRIMARY KEY (owner_kind, owner_id, day),
    CONSTRAINT run_spend_daily_kind_ck CHECK (owner_kind IN ('u', 'k', 't'))
);

CREATE FUNCTION run_spend_add(kind char, owner uuid, at timestamptz, tokens bigint, cost numeric) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    left_tokens bigint;
    left_cost   numeric;
BEGIN
    IF owner IS NULL OR (tokens = 0 AND cost = 0) THEN
        RETURN;
    END IF;
    INSERT INTO run_spend_daily AS s (owner_kind, owner_id, day, tokens, cost)
    VALUES (kind, owner, (at AT TIME ZONE 'UTC')::date, tokens, cost)
    ON CONFLICT (owner_kind, owner_id, day)
        DO UPDATE SET tokens = s.tokens + excluded.tokens, cost = s.cost + excluded.cost
    RETURNING s.tokens, s.cost INTO left_tokens, left_cost;
    -- A day whose runs went (a deleted user's, say) leaves no row behind.
    IF left_tokens = 0 AND left_cost = 0 THEN
        DELETE FROM run_spend_daily WHERE owner_kind = kind AND owner_id = owner AND day = (at AT TIME ZONE 'UTC')::date;
    END IF;
END $$;

CREATE FUNCTION runs_track_spend() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    old_tokens bigint := 0;
    old_cost   numeric := 0;
    new_tokens bigint := 0;
    new_cost   numeric := 0;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_tokens := run_spend_tokens(OLD.total_tokens, OLD.tokens_reserved, OLD.error_code);
        old_cost := run_spend_cost(OLD.cost_estimate, OLD.cost_reserved, OLD.error_code);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_tokens := run_spend_tokens(NEW.total_tokens, NEW.tokens_reserved, NEW.error_code);
        new_cost := run_spend_cost(NEW.cost_estimate, NEW.cost_reserved, NEW.error_code);
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.user_id = NEW.user_id AND OLD.api_key_id IS NOT DISTINCT FROM NEW.api_key_id
            AND OLD.issued_token_id IS NOT DISTINCT FROM NEW.issued_token_id
            AND (OLD.created_at AT TIME ZONE 'UTC')::date = (NEW.created_at AT TIME ZONE 'UTC')::date THEN
        -- The usual update (a run finishing): one change of the same rows.
        PERFORM run_spend_add('u', NEW.user_id, NEW.created_at, new_tokens - old_tokens, new_cost - old_cost);
        PERFORM run_spend_add('k', NEW.api_key_id, NEW.created_at, new_tokens - old_tokens, new_cost - old_cost);
        PERFORM run_spend_add('t', NEW.issued_token_id, NEW.created_at, new_tokens - old_tokens, new_cost - old_cost);
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM run_spend_add('u', OLD.user_id, OLD.created_at, -old_tokens, -old_cost);
        PERFORM run_spend_add('k', OLD.api_key_id, OLD.created_at, -old_tokens, -old_cost);
        PERFORM run_spend_add('t', OLD.issued_token_id, OLD.created_at, -old_tokens, -old_cost);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM run_spend_add('u', NEW.user_id, NEW.created_at, new_tokens, new_cost);
        PERFORM run_spend_add('k', NEW.api_key_id, NEW.created_at, new_tokens, new_cost);
        PERFORM run_spend_add('t', NEW.issued_token_id, NEW.created_at, new_tokens, new_cost);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER runs_track_spend
    AFTER INSERT OR DELETE OR UPDATE OF user_id, api_key_id, issued_token_id, created_at, total_tokens, tokens_reserved,
        cost_estimate, cost_reserved, error_code
    ON runs FOR EACH ROW EXECUTE FUNCTION runs_track_spend();

-- The runs there are already.
INSERT INTO run_spend_daily (owner_kind, owner_id, day, tokens, cost)
SELECT kind, owner, day, sum(tokens), sum(cost)
FROM (SELECT 'u' AS kind, user_id AS owner, (created_at AT TIME ZONE 'UTC')::date AS day,
             run_spend_tokens(total_tokens, tokens_reserved, error_code) AS tokens, run_spend_cost(cost_estimate, cost_reserved, error_code) AS cost
      FROM runs
      UNION ALL
      SELECT 'k', api_key_id, (created_at AT TIME ZONE 'UTC')::date,
             run_spend_tokens(total_tokens, tokens_reserved, error_code), run_spend_cost(cost_estimate, cost_reserved, error_code)
      FROM runs WHERE api_key_id IS NOT NULL
      UNION ALL
      SELECT 't', issued_token_id, (created_at AT TIME ZONE 'UTC')::date,
             run_spend_tokens(total_tokens, tokens_reserved, error_code), run_spend_cost(cost_estimate, cost_reserved, error_code)
      FROM runs WHERE issued_token_id IS NOT NULL) spend
GROUP BY kind, owner, day
HAVING sum(tokens) <> 0 OR sum(cost) <> 0;
