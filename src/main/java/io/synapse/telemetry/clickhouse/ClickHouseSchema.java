package io.synapse.telemetry.clickhouse;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;

/**
 * Seed 004's ClickHouse tables, created when the ClickHouse store is first used: workload_events
 * (ReplacingMergeTree by month, ordered by user and time as the seed has it) and
 * workload_metrics_hourly, an AggregatingMergeTree filled by a materialised view on every insert.
 * Releases from 19.6 on also get the seed's TTL; older ones (Debian's 18.16) have none, and the
 * retention job deletes expired rows instead. Only SQL both accept is used.
 */
@ApplicationScoped
public class ClickHouseSchema {

    private static final Logger LOG = Logger.getLogger(ClickHouseSchema.class);

    @Inject
    ClickHouseClient client;

    @Inject
    Settings settings;

    private volatile boolean ready;
    private volatile boolean ttl;

    public boolean supportsTtl() {
        ensure();
        return ttl;
    }

    public synchronized void ensure() {
        if (ready) {
            return;
        }
        String version = client.select("SELECT version() AS v").get(0).get("v").asText();
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        ttl = major > 19 || (major == 19 && minor >= 6);
        String db = client.database();
        Optional<Duration> retention = settings.duration(SettingCatalog.RETENTION_WORKLOAD_EVENTS);
        String eventsTtl = ttl && retention.isPresent() ? " TTL timestamp + INTERVAL " + retention.get().toDays() + " DAY" : "";
        client.execute("CREATE DATABASE IF NOT EXISTS " + db);
        client.execute("""
                CREATE TABLE IF NOT EXISTS %s.workload_events (
                    event_id UUID, timestamp DateTime('UTC'), ts_ms UInt64, user_id String, workload_id String, workload_type String,
                    event_type String, event_category String, model String, status String,
                    prompt_tokens Nullable(UInt32), completion_tokens Nullable(UInt32), total_tokens Nullable(UInt32),
                    latency_ms Nullable(UInt32), latency_bucket UInt16, cost Nullable(Decimal(18, 8)),
                    metrics String, dimensions String, metadata String
                ) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(timestamp) ORDER BY (user_id, timestamp, event_id, ts_ms)%s""".formatted(db, eventsTtl));
        client.execute("""
                CREATE TABLE IF NOT EXISTS %s.workload_metrics_hourly (
                    hour DateTime('UTC'), user_id String, workload_type String, model String, latency_bucket UInt16,
                    events AggregateFunction(count), errors AggregateFunction(sum, UInt64),
                    prompt AggregateFunction(sum, UInt32), completion AggregateFunction(sum, UInt32), total AggregateFunction(sum, UInt32),
                    cost AggregateFunction(sum, Decimal(18, 8)), lat_n AggregateFunction(count, UInt32), lat_sum AggregateFunction(sum, UInt32),
                    lat_min AggregateFunction(min, UInt32), lat_max AggregateFunction(max, UInt32)
                ) ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(hour) ORDER BY (hour, workload_type, user_id, model, latency_bucket)"""
                .formatted(db));
        client.execute("""
                CREATE MATERIALIZED VIEW IF NOT EXISTS %1$s.workload_metrics_hourly_mv TO %1$s.workload_metrics_hourly AS
                SELECT toStartOfHour(timestamp) AS hour, user_id, workload_type, model, latency_bucket,
                       countState() AS events, sumState(toUInt64(status = 'error')) AS errors,
                       sumState(prompt_tokens) AS prompt, sumState(completion_tokens) AS completion, sumState(total_tokens) AS total,
                       sumState(cost) AS cost, countState(latency_ms) AS lat_n, sumState(latency_ms) AS lat_sum,
                       minState(latency_ms) AS lat_min, maxState(latency_ms) AS lat_max
                FROM %1$s.workload_events
                GROUP BY hour, user_id, workload_type, model, latency_bucket""".formatted(db));
        LOG.infof("ClickHouse %s at %s: workload events in %s.workload_events (%s)", version, client.database(), db,
                ttl ? "TTL from the retention setting" : "no TTL in this release: the retention job deletes expired rows");
        ready = true;
    }
}
