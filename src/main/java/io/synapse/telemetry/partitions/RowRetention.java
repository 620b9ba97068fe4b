package io.synapse.telemetry.partitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.telemetry.AuditRecorder;
import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;

/**
 * Retention of the tables that are not partitioned: rollups, user activity, and (only when set)
 * audit logs and finished runs. Rows are deleted in batches of 10,000, each its own transaction,
 * so a first purge of a large table never holds locks for long; every purge that removed rows is
 * itself audited.
 */
@ApplicationScoped
public class RowRetention {

    private static final Logger LOG = Logger.getLogger(RowRetention.class);
    static final int BATCH = 10_000;

    record Purge(String setting, String table, String sql) {
    }

    static final Purge[] PURGES = {
        new Purge(SettingCatalog.RETENTION_WORKLOAD_METRICS_HOURLY, "workload_metrics_hourly",
                "DELETE FROM workload_metrics_hourly WHERE ctid = ANY (ARRAY(SELECT ctid FROM workload_metrics_hourly WHERE bucket < ? LIMIT " + BATCH + "))"),
        new Purge(SettingCatalog.RETENTION_USER_ACTIVITY, "user_activity",
                "DELETE FROM user_activity WHERE ctid = ANY (ARRAY(SELECT ctid FROM user_activity WHERE date < (?::timestamptz AT TIME ZONE 'UTC')::date LIMIT " + BATCH + "))"),
        new Purge(SettingCatalog.RETENTION_AUDIT_LOGS, "audit_logs",
                "DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs WHERE created_at < ? ORDER BY created_at LIMIT " + BATCH + ")"),
        new Purge(SettingCatalog.RETENTION_RUNS, "runs",
                "DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE created_at < ? AND status IN ('completed', 'failed', 'cancelled') ORDER BY created_at LIMIT " + BATCH + ")"),
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Settings settings;

    @Inject
    AuditRecorder audit;

    Clock clock = Clock.systemUTC();

    /** Deletes what every table's retention has expired; answers rows deleted per table. */
    public Map<String, Long> purge() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Purge purge : PURGES) {
            Optional<Duration> retention = settings.duration(purge.setting());
            if (retention.isEmpty()) {
                continue;
            }
            Duration kept = retention.get();
            if (purge.table().equals("workload_metrics_hourly")) {
                // Hours still held raw stay rolled up too: analytics read whole hours from the rollups only.
                Optional<Duration> raw = settings.duration(SettingCatalog.RETENTION_WORKLOAD_EVENTS);
                if (raw.isEmpty()) {
                    continue;
                }
                kept = raw.get().compareTo(kept) > 0 ? raw.get() : kept;
            }
            Instant cutoff = clock.instant().minus(kept);
            Duration effective = kept;
            long total = 0;
            int n;
            do {
                n = QuarkusTransaction.requiringNew().call(() -> deleteBatch(purge, cutoff));
                total += n;
            } while (n == BATCH);
            if (total > 0) {
                long rows = total;
                QuarkusTransaction.requiringNew().run(() -> audit.event("telemetry.retention").resource("table", purge.table())
                        .newValues(Map.of("deleted_rows", rows, "retention", effective.toString(), "cutoff", cutoff.toString())).record());
                LOG.infof("Retention: deleted %d row(s) of %s older than %s", total, purge.table(), cutoff);
                deleted.put(purge.table(), total);
            }
        }
        return deleted;
    }

    private int deleteBatch(Purge purge, Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(purge.sql())) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }
}
