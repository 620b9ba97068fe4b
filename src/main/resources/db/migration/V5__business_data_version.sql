-- The version of the business data that cached analyses are keyed by. It is bumped in the same
-- transaction as every change an analysis can show (an import, a client renamed), so a cached
-- figure can never outlive the data it was computed from, whatever Redis was doing at the time.
-- changed_at goes into the cache key too: a database created anew or restored from a backup
-- restarts the counter, and must not meet figures cached under the same number before.
CREATE TABLE business_data_version (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    version    bigint      NOT NULL CHECK (version >= 0),
    changed_at timestamptz NOT NULL
);
INSERT INTO business_data_version (id, version, changed_at) VALUES (1, 0, clock_timestamp());
