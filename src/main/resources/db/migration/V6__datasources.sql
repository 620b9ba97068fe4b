-- Datasources (seed 003): users' own databases, their introspected catalogues, parameterised
-- query templates and one analytics row per executed statement. README: seed map.

-- A registered database. The password is never stored in clear: password_ciphertext is
-- AES-256-GCM (12-byte random nonce, then ciphertext and tag) under the key named by
-- password_key_id, so keys can be rotated (POST /api/admin/datasources/re-encrypt).
CREATE TABLE database_connections (
    id                   uuid PRIMARY KEY,
    user_id              uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name                 varchar(100) NOT NULL,
    description          varchar(1000),
    engine               varchar(20)  NOT NULL,
    host                 varchar(255) NOT NULL,
    port                 integer      NOT NULL,
    database_name        varchar(128) NOT NULL,
    username             varchar(128) NOT NULL,
    password_ciphertext  bytea        NOT NULL,
    password_key_id      varchar(64)  NOT NULL,
    ssl_mode             varchar(20)  NOT NULL DEFAULT 'prefer',
    -- Schemas introspection and questions look at; empty: the engine's default (public / the database).
    schema_filter        jsonb        NOT NULL DEFAULT '[]'::jsonb,
    -- null: the owner only; a role: every user at or above it may use the connection.
    shared_with_role     varchar(20),
    -- Set by an admin only: a login that can write may still be queried.
    allow_writable_login boolean      NOT NULL DEFAULT false,
    status               varchar(20)  NOT NULL DEFAULT 'untested',
    server_version       varchar(200),
    write_privileges     jsonb        NOT NULL DEFAULT '[]'::jsonb,
    last_checked_at      timestamptz,
    last_error           varchar(1000),
    schema_refreshed_at  timestamptz,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT database_connections_name_uq UNIQUE (user_id, name),
    CONSTRAINT database_connections_engine_ck CHECK (engine IN ('postgresql', 'mariadb', 'mysql')),
    CONSTRAINT database_connections_port_ck CHECK (port BETWEEN 1 AND 65535),
    CONSTRAINT database_connections_ssl_ck CHECK (ssl_mode IN ('disable', 'prefer', 'require', 'verify-ca', 'verify-full')),
    CONSTRAINT database_connections_role_ck CHECK (shared_with_role IS NULL OR shared_with_role IN ('viewer', 'rep', 'manager', 'admin')),
    CONSTRAINT database_connections_status_ck CHECK (status IN ('untested', 'ok', 'writable', 'failed'))
);
CREATE INDEX database_connections_user_idx ON database_connections (user_id, created_at DESC, id DESC);
CREATE INDEX database_connections_shared_idx ON database_connections (shared_with_role, created_at DESC, id DESC) WHERE shared_with_role IS NOT NULL;
CREATE INDEX database_connections_key_idx ON database_connections (password_key_id);

-- The introspected catalogue: one row per table or view per refresh. The connection's
-- schema_refreshed_at names the current version; older versions are pruned on refresh.
CREATE TABLE database_schemas (
    id            bigserial PRIMARY KEY,
    connection_id uuid         NOT NULL REFERENCES database_connections (id) ON DELETE CASCADE,
    refreshed_at  timestamptz  NOT NULL,
    schema_name   varchar(128) NOT NULL,
    table_name    varchar(128) NOT NULL,
    table_type    varchar(20)  NOT NULL,
    columns       jsonb        NOT NULL,
    primary_key   jsonb        NOT NULL DEFAULT '[]'::jsonb,
    foreign_keys  jsonb        NOT NULL DEFAULT '[]'::jsonb,
    row_estimate  bigint,
    table_size    bigint,
    comment       text,
    CONSTRAINT database_schemas_uq UNIQUE (connection_id, refreshed_at, schema_name, table_name)
);

CREATE TABLE query_templates (
    id                uuid PRIMARY KEY,
    user_id           uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connection_id     uuid          NOT NULL REFERENCES database_connections (id) ON DELETE CASCADE,
    name              varchar(100)  NOT NULL,
    description       varchar(1000),
    question_template varchar(1000),
    sql_template      text          NOT NULL,
    -- [{name, type, required, default, description}]: how each :name of sql_template is bound.
    parameters        jsonb         NOT NULL DEFAULT '[]'::jsonb,
    category          varchar(50),
    shared_with_role  varchar(20),
    is_verified       boolean       NOT NULL DEFAULT false,
    usage_count       bigint        NOT NULL DEFAULT 0,
    last_used_at      timestamptz,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT query_templates_name_uq UNIQUE (user_id, name),
    CONSTRAINT query_templates_role_ck CHECK (shared_with_role IS NULL OR shared_with_role IN ('viewer', 'rep', 'manager', 'admin')),
    CONSTRAINT query_templates_usage_ck CHECK (usage_count >= 0)
);
CREATE INDEX query_templates_connection_idx ON query_templates (connection_id, created_at DESC, id DESC);
CREATE INDEX query_templates_user_idx ON query_templates (user_id);

-- Append-only: one row per statement Synapse ran (or refused) on a user's database.
CREATE TABLE query_analytics (
    id                bigserial PRIMARY KEY,
    user_id           uuid         REFERENCES users (id) ON DELETE SET NULL,
    api_key_id        uuid,
    connection_id     uuid         REFERENCES database_connections (id) ON DELETE SET NULL,
    template_id       uuid         REFERENCES query_templates (id) ON DELETE SET NULL,
    conversation_id   uuid         REFERENCES conversations (id) ON DELETE SET NULL,
    message_id        uuid         REFERENCES messages (id) ON DELETE SET NULL,
    run_id            uuid         REFERENCES runs (id) ON DELETE SET NULL,
    origin            varchar(10)  NOT NULL,
    question          text,
    sql_hash          char(64),
    sql_text          text,
    duration_ms       integer,
    row_count         integer,
    bytes             bigint,
    truncated         boolean      NOT NULL DEFAULT false,
    success           boolean      NOT NULL,
    error_class       varchar(50),
    error_message     varchar(1000),
    prompt_tokens     integer,
    completion_tokens integer,
    total_tokens      integer,
    llm_model         varchar(100),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT query_analytics_origin_ck CHECK (origin IN ('nl', 'template', 'sql'))
);
CREATE INDEX query_analytics_created_idx ON query_analytics (created_at);
CREATE INDEX query_analytics_connection_idx ON query_analytics (connection_id, created_at);
CREATE INDEX query_analytics_user_idx ON query_analytics (user_id, created_at);
CREATE INDEX query_analytics_template_idx ON query_analytics (template_id) WHERE template_id IS NOT NULL;
CREATE INDEX query_analytics_conversation_idx ON query_analytics (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX query_analytics_message_idx ON query_analytics (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX query_analytics_run_idx ON query_analytics (run_id) WHERE run_id IS NOT NULL;

-- Seed 003's chat_sessions are conversations bound to the database they ask about.
ALTER TABLE conversations ADD COLUMN connection_id uuid REFERENCES database_connections (id) ON DELETE SET NULL;
CREATE INDEX conversations_connection_idx ON conversations (connection_id) WHERE connection_id IS NOT NULL;
