-- Identity and audit: the tables every later module's ownership checks and audit rows
-- stand on. Unions of seed 000 user, 002 users, 003 users/refresh_tokens/api_keys/
-- user_sessions/audit_logs and 004 users/api_keys/audit_logs (README: seed map).
-- Redundant seed flags are derived, not stored: is_admin/is_superuser = role 'admin',
-- is_active = status 'active' (users) or revoked_at/ended_at IS NULL (tokens, keys, sessions).

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          varchar(254) NOT NULL,
    username       varchar(100),
    full_name      varchar(200),
    company        varchar(200),
    password_hash  varchar(100),
    role           varchar(20)  NOT NULL DEFAULT 'viewer',
    status         varchar(20)  NOT NULL DEFAULT 'active',
    receive_email  boolean      NOT NULL DEFAULT true,
    oauth_provider varchar(50),
    oauth_id       varchar(255),
    picture        text,
    token_usage    bigint       NOT NULL DEFAULT 0,
    preferences    jsonb        NOT NULL DEFAULT '{}'::jsonb,
    metadata       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    CONSTRAINT users_role_ck   CHECK (role IN ('viewer', 'rep', 'manager', 'admin')),
    CONSTRAINT users_status_ck CHECK (status IN ('active', 'suspended')),
    CONSTRAINT users_oauth_pair_ck CHECK ((oauth_provider IS NULL) = (oauth_id IS NULL)),
    CONSTRAINT users_credential_ck CHECK (password_hash IS NOT NULL OR oauth_provider IS NOT NULL),
    CONSTRAINT users_token_usage_ck CHECK (token_usage >= 0)
);
CREATE UNIQUE INDEX users_email_uq ON users (lower(email));
CREATE UNIQUE INDEX users_oauth_uq ON users (oauth_provider, oauth_id) WHERE oauth_provider IS NOT NULL;
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_status_idx ON users (status);
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);

-- One row per login: the refresh-token family lives and dies with it.
CREATE TABLE user_sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    ended_at      timestamptz,
    end_reason    varchar(30),
    ip_address    inet,
    user_agent    varchar(512),
    queries_count integer     NOT NULL DEFAULT 0,
    CONSTRAINT user_sessions_end_reason_ck
        CHECK (end_reason IS NULL OR end_reason IN ('logout', 'revoked', 'token_reuse', 'password_changed', 'user_suspended', 'expired'))
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id, started_at DESC, id DESC);

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id  uuid        NOT NULL REFERENCES user_sessions (id) ON DELETE CASCADE,
    token_hash  char(64)    NOT NULL,
    replaced_by uuid        REFERENCES refresh_tokens (id) ON DELETE SET NULL,
    device_info jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT refresh_tokens_hash_uq UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_replaced_by_idx ON refresh_tokens (replaced_by);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    key_prefix   varchar(20)  NOT NULL,
    key_hash     char(64)     NOT NULL,
    scopes       text[]       NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    usage_count  bigint       NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    metadata     jsonb        NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT api_keys_hash_uq UNIQUE (key_hash),
    CONSTRAINT api_keys_scopes_ck CHECK (cardinality(scopes) > 0
        AND scopes <@ ARRAY['viewer', 'rep', 'manager', 'admin']::text[])
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC, id DESC);

-- Role-scoped tokens an admin issued, for a user or a named service.
CREATE TABLE issued_tokens (
    jti          uuid PRIMARY KEY,
    user_id      uuid         REFERENCES users (id) ON DELETE CASCADE,
    service_name varchar(100),
    roles        text[]       NOT NULL,
    description  varchar(500),
    issued_by    uuid         REFERENCES users (id) ON DELETE SET NULL,
    issued_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz  NOT NULL,
    revoked_at   timestamptz,
    revoked_by   uuid         REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT issued_tokens_subject_ck CHECK ((user_id IS NULL) <> (service_name IS NULL)),
    CONSTRAINT issued_tokens_roles_ck CHECK (cardinality(roles) > 0
        AND roles <@ ARRAY['viewer', 'rep', 'manager', 'admin']::text[])
);
CREATE INDEX issued_tokens_user_idx ON issued_tokens (user_id);
CREATE INDEX issued_tokens_issued_by_idx ON issued_tokens (issued_by);
CREATE INDEX issued_tokens_revoked_by_idx ON issued_tokens (revoked_by);
CREATE INDEX issued_tokens_issued_at_idx ON issued_tokens (issued_at DESC, jti DESC);

-- Append-only. user_id/api_key_id are SET NULL on delete so the trail outlives its actor;
-- metadata.actor keeps who it was.
CREATE TABLE audit_logs (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    api_key_id      uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    action          varchar(100) NOT NULL,
    resource_type   varchar(100),
    resource_id     varchar(255),
    old_values      jsonb,
    new_values      jsonb,
    ip_address      inet,
    user_agent      varchar(512),
    request_id      varchar(100),
    response_status integer,
    success         boolean      NOT NULL DEFAULT true,
    error_message   text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_logs_user_idx ON audit_logs (user_id, id DESC);
CREATE INDEX audit_logs_api_key_idx ON audit_logs (api_key_id);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, id DESC);
CREATE INDEX audit_logs_resource_idx ON audit_logs (resource_type, resource_id, id DESC);
CREATE INDEX audit_logs_created_idx ON audit_logs (created_at);
CREATE INDEX audit_logs_success_idx ON audit_logs (success, id DESC) WHERE NOT success;
