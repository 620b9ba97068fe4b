-- Reports (seed 000 report + delivered_to) and their schedules. A report is stored rendered:
-- sanitised HTML, plus, for generated ones, the figures behind it (for CSV and JSON).

CREATE TABLE report_schedules (
    id                 uuid PRIMARY KEY,
    name               varchar(150) NOT NULL,
    template           varchar(50)  NOT NULL,
    parameters         jsonb        NOT NULL DEFAULT '{}'::jsonb,
    recipient_user_ids uuid[]       NOT NULL DEFAULT '{}',
    recipient_role     varchar(20),
    cron               varchar(120) NOT NULL,
    enabled            boolean      NOT NULL DEFAULT true,
    next_run_at        timestamptz,
    last_run_at        timestamptz,
    last_report_id     uuid,
    last_error         text,
    created_by         uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT report_schedules_role_ck CHECK (recipient_role IS NULL OR recipient_role IN ('viewer', 'rep', 'manager', 'admin'))
);
CREATE UNIQUE INDEX report_schedules_name_uq ON report_schedules (lower(name));
-- The scheduler's question: which enabled schedules are due?
CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at) WHERE enabled;
CREATE INDEX report_schedules_created_idx ON report_schedules (created_at DESC, id DESC);

CREATE TABLE reports (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL,
    source      varchar(20)  NOT NULL,
    content     text         NOT NULL,
    markdown    text,
    template    varchar(50),
    parameters  jsonb,
    figures     jsonb,
    schedule_id uuid REFERENCES report_schedules (id) ON DELETE SET NULL,
    created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT reports_source_ck CHECK (source IN ('html', 'markdown', 'template'))
);
-- Seed 000: report names are unique.
CREATE UNIQUE INDEX reports_name_uq ON reports (name);
CREATE INDEX reports_created_idx ON reports (created_at DESC, id DESC);
CREATE INDEX reports_schedule_idx ON reports (schedule_id) WHERE schedule_id IS NOT NULL;
CREATE INDEX reports_created_by_idx ON reports (created_by) WHERE created_by IS NOT NULL;

-- Seed 000 delivered_to, one row per report, user and channel.
CREATE TABLE report_deliveries (
    id              uuid PRIMARY KEY,
    report_id       uuid        NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel         varchar(10) NOT NULL,
    status          varchar(10) NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    sent_at         timestamptz,
    read_at         timestamptz,
    delivered_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_deliveries_channel_ck CHECK (channel IN ('email', 'in_app')),
    CONSTRAINT report_deliveries_status_ck CHECK (status IN ('pending', 'sent', 'failed', 'skipped'))
);
-- No user gets the same report twice through the same channel.
CREATE UNIQUE INDEX report_deliveries_uq ON report_deliveries (report_id, user_id, channel);
CREATE INDEX report_deliveries_user_idx ON report_deliveries (user_id, created_at DESC, id DESC);
CREATE INDEX report_deliveries_retry_idx ON report_deliveries (next_attempt_at) WHERE status = 'failed';
