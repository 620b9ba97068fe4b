-- Issue 14, part 2: spending budgets. A budget caps the tokens and/or the cost spent per UTC day or
-- month by every user of a role (the default), by one user (replacing the role's), or by one API
-- key (on top of its user's, so a key can only narrow). Spending is read from runs: a run counts
-- its real total_tokens / cost_estimate once known, and until then the estimate reserved when it
-- started (tokens_reserved / cost_reserved), so concurrent requests see each other's reservations.
CREATE TABLE budgets (
    id          uuid PRIMARY KEY,
    scope       varchar(20)    NOT NULL,
    role        varchar(20),
    user_id     uuid           REFERENCES users (id) ON DELETE CASCADE,
    api_key_id  uuid           REFERENCES api_keys (id) ON DELETE CASCADE,
    period      varchar(10)    NOT NULL,
    token_limit bigint,
    cost_limit  numeric(14, 6),
    created_at  timestamptz    NOT NULL DEFAULT now(),
    updated_at  timestamptz    NOT NULL DEFAULT now(),
    updated_by  uuid           REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT budgets_scope_ck CHECK (
        (scope = 'role' AND role IN ('viewer', 'rep', 'manager', 'admin') AND user_id IS NULL AND api_key_id IS NULL)
        OR (scope = 'user' AND role IS NULL AND user_id IS NOT NULL AND api_key_id IS NULL)
        OR (scope = 'api_key' AND role IS NULL AND user_id IS NULL AND api_key_id IS NOT NULL)),
    CONSTRAINT budgets_period_ck CHECK (period IN ('day', 'month')),
    CONSTRAINT budgets_limits_ck CHECK ((token_limit IS NOT NULL OR cost_limit IS NOT NULL)
        AND (token_limit IS NULL OR token_limit >= 0) AND (cost_limit IS NULL OR cost_limit >= 0))
);
CREATE UNIQUE INDEX budgets_role_uq ON budgets (role, period) WHERE scope = 'role';
CREATE UNIQUE INDEX budgets_user_uq ON budgets (user_id, period) WHERE scope = 'user';
CREATE UNIQUE INDEX budgets_api_key_uq ON budgets (api_key_id, period) WHERE scope = 'api_key';

ALTER TABLE runs ADD COLUMN api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL;
ALTER TABLE runs ADD COLUMN tokens_reserved integer CHECK (tokens_reserved IS NULL OR tokens_reserved >= 0);
ALTER TABLE runs ADD COLUMN cost_reserved numeric(14, 6) CHECK (cost_reserved IS NULL OR cost_reserved >= 0);
CREATE INDEX runs_api_key_created_idx ON runs (api_key_id, created_at) WHERE api_key_id IS NOT NULL;
