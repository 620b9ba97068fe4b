-- Telemetry at volume (seeds 003 and 004). The three event streams are partitioned by day:
-- retention drops whole days (a 90-day window keeps 90-91 partitions; monthly partitions would
-- keep up to a month too much), and a day of a busy deployment (a few million rows) keeps its
-- partition's primary-key index small enough to stay in memory while it is written.
-- Partitions are created ahead of time by the telemetry maintenance job (and on demand for an
-- old day an ingest needs), never by a DEFAULT partition, which would have to be scanned each
-- time a new day is attached.
-- user_id carries no foreign key: checking users on every one of 100,000 rows a second costs more
-- than it protects, and a deleted user's history stays countable.

-- Seed 004 workload_events, with the typed figures its analytics need as columns (the seed's
-- metrics Nested, dimensions Map and metadata String are kept as jsonb).
CREATE TABLE workload_events (
    event_id          uuid          NOT NULL,
    occurred_at       timestamptz   NOT NULL,
    received_at       timestamptz   NOT NULL DEFAULT now(),
    user_id           uuid,
    workload_id       text          NOT NULL,
    workload_type     text          NOT NULL,
    event_type        text          NOT NULL,
    event_category    text,
    model             text,
    status            text          NOT NULL CHECK (status IN ('ok', 'error')),
    prompt_tokens     integer       CHECK (prompt_tokens >= 0),
    completion_tokens integer       CHECK (completion_tokens >= 0),
    total_tokens      integer       CHECK (total_tokens >= 0),
    latency_ms        integer       CHECK (latency_ms >= 0),
    cost              numeric(18,8) CHECK (cost >= 0),
    metrics           jsonb,
    dimensions        jsonb,
    metadata          jsonb,
    -- Idempotency: a retried event (same id, same time) is skipped by ON CONFLICT.
    PRIMARY KEY (occurred_at, event_id)
) PARTITION BY RANGE (occurred_at);

-- Seed 003 events (product analytics).
CREATE TABLE events (
    id          uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    event_type  text        NOT NULL,
    user_id     uuid,
    session_id  text,
    event_data  jsonb,
    ip_address  inet,
    user_agent  text,
    PRIMARY KEY (occurred_at, id)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX events_user_idx ON events (user_id, occurred_at);

-- Seed 003 performance_metrics: posted by clients and written by the application itself
-- (source 'api': request timings, aggregated per flush interval).
CREATE SEQUENCE performance_metrics_id_seq;
CREATE TABLE performance_metrics (
    id              bigint           NOT NULL DEFAULT nextval('performance_metrics_id_seq'),
    recorded_at     timestamptz      NOT NULL,
    metric_name     text             NOT NULL,
    metric_value    double precision NOT NULL,
    metric_unit     text,
    source          text             NOT NULL CHECK (source IN ('client', 'api')),
    user_id         uuid,
    additional_data jsonb,
    PRIMARY KEY (recorded_at, id)
) PARTITION BY RANGE (recorded_at);
CREATE INDEX performance_metrics_name_idx ON performance_metrics (metric_name, recorded_at);

-- Hours (workload stream) and days (product events) whose rollups must be computed again. Every
-- ingest appends one row per hour or day it wrote to; the rollup job recomputes a bucket from the
-- raw rows and deletes exactly the rows it had read, so a row appended meanwhile keeps the bucket
-- queued. Only buckets absent from here are served from the rollups.
CREATE TABLE telemetry_rollup_queue (
    seq    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream text        NOT NULL CHECK (stream IN ('workload', 'activity')),
    bucket timestamptz NOT NULL
);
CREATE INDEX telemetry_rollup_queue_bucket_idx ON telemetry_rollup_queue (stream, bucket);

-- Seed 004 aggregated_metrics, by hour, with what merges exactly over any range: sums, counts,
-- extremes and a sparse latency histogram (bucket b holds latencies up to round(2^(b/8)) ms,
-- see telemetry_latency_bucket) from which p50/p95/p99 of any set of hours are read.
CREATE TABLE workload_metrics_hourly (
    bucket            timestamptz   NOT NULL,
    user_id           uuid,
    workload_type     text          NOT NULL,
    model             text,
    event_count       bigint        NOT NULL,
    error_count       bigint        NOT NULL,
    prompt_tokens     bigint        NOT NULL,
    completion_tokens bigint        NOT NULL,
    total_tokens      bigint        NOT NULL,
    cost              numeric       NOT NULL, -- unbounded: an hour's sum may exceed any one event's range
    latency_count     bigint        NOT NULL,
    latency_sum_ms    bigint        NOT NULL,
    latency_min_ms    integer,
    latency_max_ms    integer,
    latency_buckets   smallint[]    NOT NULL,
    latency_counts    integer[]     NOT NULL
);
CREATE INDEX workload_metrics_hourly_bucket_idx ON workload_metrics_hourly (bucket);
CREATE INDEX workload_metrics_hourly_user_idx ON workload_metrics_hourly (user_id, bucket);

-- Seed 004 user_activity: per user, day and action (a product event type, or 'workload:<type>').
CREATE TABLE user_activity (
    date              date   NOT NULL,
    user_id           uuid,
    action            text   NOT NULL,
    count             bigint NOT NULL,
    total_duration_ms bigint NOT NULL
);
CREATE INDEX user_activity_date_idx ON user_activity (date);
CREATE INDEX user_activity_user_idx ON user_activity (user_id, date);

-- The histogram bucket of a latency: 0 for 0-1 ms, then 8 buckets per doubling (each bound is
-- 9 % above the last). Bucket b holds latencies up to floor(2^(b/8)) ms (telemetry_bucket_upper_ms),
-- so a latency's bucket is the first whose bound reaches it. float8 finds it in a fraction of a
-- microsecond (numeric log took 20 µs a row, most of a rollup's time); the float estimate can be one
-- off where 8*log2(ms) is an integer, and is corrected against the bounds, which float8 computes
-- exactly (no 2^(b/8) below 2^32 is within 0.002 of an integer unless it is one). The Java
-- copy (LatencyBuckets, for ClickHouse) is tested equal on every bound. Not STRICT, so that
-- PostgreSQL inlines them into the calling query (null in, null out all the same).
CREATE FUNCTION telemetry_bucket_upper_ms(bucket integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN bucket >= 248 THEN 2147483647 ELSE floor(power(2::float8, bucket / 8.0::float8))::integer END $$;

CREATE FUNCTION telemetry_latency_bucket(ms integer) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT (CASE WHEN ms <= 1 THEN 0
                 WHEN floor(power(2::float8, (ceil(8 * ln(ms::float8) / ln(2::float8)) - 1) / 8.0::float8)) >= ms
                     THEN ceil(8 * ln(ms::float8) / ln(2::float8)) - 1
                 WHEN floor(power(2::float8, ceil(8 * ln(ms::float8) / ln(2::float8)) / 8.0::float8)) < ms
                     THEN ceil(8 * ln(ms::float8) / ln(2::float8)) + 1
                 ELSE ceil(8 * ln(ms::float8) / ln(2::float8)) END)::smallint
    $$;

-- Seed 004 recent_workloads.
CREATE VIEW recent_workloads AS
SELECT workload_id, user_id, max(occurred_at) AS last_seen, count(*) AS event_count,
       count(DISTINCT event_type) AS unique_event_types
FROM workload_events
WHERE occurred_at > now() - interval '7 days'
GROUP BY workload_id, user_id;

-- Seed 003 system_config: only values an admin changed are stored; defaults, types and
-- descriptions live in the code (io.synapse.telemetry.config.Settings).
CREATE TABLE system_config (
    config_key   varchar(100) PRIMARY KEY,
    config_value jsonb        NOT NULL,
    is_sensitive boolean      NOT NULL DEFAULT false,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    updated_by   uuid         REFERENCES users (id) ON DELETE SET NULL
);
