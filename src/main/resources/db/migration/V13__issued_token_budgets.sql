-- Issue 14, part 2: budgets for admin-issued tokens, which (like an API key's) only narrow their
-- user's. Runs record the issued token they were made with, as they record an API key. Documents
-- record the key or token of the owner's request that queued their indexing, so that a paid
-- embedding of the document is charged within that key's or token's budget too.
ALTER TABLE runs ADD COLUMN issued_token_id uuid REFERENCES issued_tokens (jti) ON DELETE SET NULL;
CREATE INDEX runs_issued_token_created_idx ON runs (issued_token_id, created_at) WHERE issued_token_id IS NOT NULL;

ALTER TABLE budgets ADD COLUMN issued_token_id uuid REFERENCES issued_tokens (jti) ON DELETE CASCADE;
ALTER TABLE budgets DROP CONSTRAINT budgets_scope_ck;
ALTER TABLE budgets ADD CONSTRAINT budgets_scope_ck CHECK (
    (scope = 'role' AND role IN ('viewer', 'rep', 'manager', 'admin') AND user_id IS NULL AND api_key_id IS NULL AND issued_token_id IS NULL)
    OR (scope = 'user' AND role IS NULL AND user_id IS NOT NULL AND api_key_id IS NULL AND issued_token_id IS NULL)
    OR (scope = 'api_key' AND role IS NULL AND user_id IS NULL AND api_key_id IS NOT NULL AND issued_token_id IS NULL)
    OR (scope = 'issued_token' AND role IS NULL AND user_id IS NULL AND api_key_id IS NULL AND issued_token_id IS NOT NULL));
CREATE UNIQUE INDEX budgets_issued_token_uq ON budgets (issued_token_id, period) WHERE scope = 'issued_token';

ALTER TABLE documents ADD COLUMN api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL;
ALTER TABLE documents ADD COLUMN issued_token_id uuid REFERENCES issued_tokens (jti) ON DELETE SET NULL;
