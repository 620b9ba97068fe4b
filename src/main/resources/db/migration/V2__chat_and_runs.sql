-- Chat and runs: seed 000's planned conversation/message, 002 conversations/messages/citations/
-- feedback/run_logs, 003 chat_sessions/chat_messages (and query_analytics' LLM fields) and 004
-- threads/messages/runs (README: seed map). Derived flags are not stored: archived = status
-- 'archived', is_active = status 'active'.

CREATE TABLE conversations (
    id              uuid PRIMARY KEY,
    user_id         uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title           varchar(255),
    status          varchar(20)  NOT NULL DEFAULT 'active',
    archived_at     timestamptz,
    last_message_at timestamptz,
    -- Messages are append-only, so the count is also the last sequence number handed out.
    message_count   integer      NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    metadata        jsonb        NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT conversations_status_ck CHECK (status IN ('active', 'archived', 'deleted')),
    CONSTRAINT conversations_archived_ck CHECK ((status = 'archived') = (archived_at IS NOT NULL) OR status = 'deleted'),
    CONSTRAINT conversations_count_ck CHECK (message_count >= 0)
);
-- The list: one user's visible conversations, most recently updated first (seed 002's query).
CREATE INDEX conversations_user_updated_idx ON conversations (user_id, updated_at DESC, id DESC) WHERE status <> 'deleted';
CREATE INDEX conversations_status_idx ON conversations (status);

CREATE TABLE messages (
    id                uuid PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sequence_number   integer     NOT NULL,
    role              varchar(20) NOT NULL,
    content           text        NOT NULL,
    model             varchar(100),
    tokens_used       integer,
    sql_query         text,
    query_result      jsonb,
    execution_time_ms integer,
    error_message     text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    metadata          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT messages_role_ck CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    CONSTRAINT messages_tokens_ck CHECK (tokens_used IS NULL OR tokens_used >= 0),
    CONSTRAINT messages_time_ck CHECK (execution_time_ms IS NULL OR execution_time_ms >= 0),
    CONSTRAINT messages_sequence_ck CHECK (sequence_number > 0)
);
-- Also the keyset index of a conversation's messages.
CREATE UNIQUE INDEX messages_conversation_sequence_uq ON messages (conversation_id, sequence_number);
CREATE INDEX messages_model_idx ON messages (model) WHERE model IS NOT NULL;

CREATE TABLE citations (
    id               uuid PRIMARY KEY,
    message_id       uuid         NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    source_index     integer      NOT NULL,
    inline_number    integer,
    source_name      varchar(500),
    source_uri       text,
    page_number      integer,
    snippet          text,
    confidence       double precision,
    text_start_index integer,
    text_end_index   integer,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT citations_confidence_ck CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
    CONSTRAINT citations_range_ck CHECK (text_start_index IS NULL OR text_end_index IS NULL OR (0 <= text_start_index AND text_start_index <= text_end_index)),
    CONSTRAINT citations_numbers_ck CHECK (source_index >= 0 AND (inline_number IS NULL OR inline_number >= 0) AND (page_number IS NULL OR page_number >= 0))
);
CREATE INDEX citations_message_idx ON citations (message_id, source_index);

CREATE TABLE feedback (
    id         uuid PRIMARY KEY,
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating     varchar(20) NOT NULL,
    comment    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feedback_rating_ck CHECK (rating IN ('thumbs_up', 'thumbs_down'))
);
CREATE UNIQUE INDEX feedback_message_user_uq ON feedback (message_id, user_id);
CREATE INDEX feedback_user_idx ON feedback (user_id, created_at DESC, id DESC);
CREATE INDEX feedback_created_idx ON feedback (created_at DESC, id DESC);
CREATE INDEX feedback_rating_idx ON feedback (rating);

CREATE TABLE runs (
    id                uuid PRIMARY KEY,
    user_id           uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Runs are usage records: purging a conversation keeps them, unlinked.
    conversation_id   uuid          REFERENCES conversations (id) ON DELETE SET NULL,
    message_id        uuid          REFERENCES messages (id) ON DELETE SET NULL,
    agent_type        varchar(100),
    model             varchar(100),
    status            varchar(20)   NOT NULL DEFAULT 'pending',
    input             jsonb         NOT NULL DEFAULT '{}'::jsonb,
    output            jsonb,
    error_code        varchar(100),
    error_message     text,
    prompt_tokens     integer,
    completion_tokens integer,
    total_tokens      integer,
    cost_estimate     numeric(14, 6),
    latency_ms        integer,
    started_at        timestamptz,
    completed_at      timestamptz,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    metadata          jsonb         NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT runs_status_ck CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    CONSTRAINT runs_numbers_ck CHECK ((prompt_tokens IS NULL OR prompt_tokens >= 0) AND (completion_tokens IS NULL OR completion_tokens >= 0)
        AND (total_tokens IS NULL OR total_tokens >= 0) AND (cost_estimate IS NULL OR cost_estimate >= 0) AND (latency_ms IS NULL OR latency_ms >= 0))
);
CREATE INDEX runs_user_created_idx ON runs (user_id, created_at DESC, id DESC);
CREATE INDEX runs_created_idx ON runs (created_at DESC, id DESC);
CREATE INDEX runs_status_idx ON runs (status);
CREATE INDEX runs_agent_type_idx ON runs (agent_type);
CREATE INDEX runs_model_idx ON runs (model);
CREATE INDEX runs_conversation_idx ON runs (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX runs_message_idx ON runs (message_id) WHERE message_id IS NOT NULL;
