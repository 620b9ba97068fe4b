package io.synapse.telemetry.partitions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.synapse.telemetry.AuditRecorder;
import io.synapse.telemetry.TelemetryConfig;
import io.synapse.telemetry.settings.Settings;

/**
 * Daily partitions of the telemetry tables: created ahead of time (and on demand for a late
 * event's day), dropped whole once every row in them is older than the table's retention.
 * Creation and dropping hold one advisory lock, so replicas never race on the catalogue; a day
 * this replica knows exists costs a set lookup.
 */
@ApplicationScoped
public class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class);
    /** pg_advisory_xact_lock key: 'synapse' telemetry partitions. */
    private static final long LOCK = 0x5e_1e_00_01L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TelemetryConfig config;

    @Inject
    Settings settings;

    @Inject
    AuditRecorder audit;

    @Inject
    RowRetention rows;

    @Inject
    io.synapse.telemetry.clickhouse.ClickHouseWorkloads clickhouse;

    @Inject
    io.synapse.telemetry.clickhouse.ClickHouseSchema clickhouseSchema;

    Clock clock = Clock.systemUTC();

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public static LocalDate dayOf(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    static String name(PartitionedTable table, LocalDate day) {
        return table.table + "_p" + SUFFIX.format(day);
    }

    /** Makes sure the partitions of these days exist (each checked in the catalogue once per replica). */
    public void ensure(PartitionedTable table, Collection<LocalDate> days) {
        List<LocalDate> missing = days.stream().distinct().filter(d -> !known.contains(name(table, d))).toList();
        if (missing.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                for (LocalDate day : missing) {
                    // Names and bounds come from LocalDate, never from input text.
                    s.execute("CREATE TABLE IF NOT EXISTS " + name(table, day) + " PARTITION OF " + table.table
                            + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Creating partitions of " + table.table + " failed: " + e.getMessage(), e);
            }
        });
        missing.forEach(d -> known.add(name(table, d)));
    }

    /** Forgets what this replica believed exists (after an insert found a partition missing). */
    public void forget(PartitionedTable table) {
        known.removeIf(n -> n.startsWith(table.table + "_p"));
    }

    /** Days ahead are created, expired days dropped and other expired rows deleted, at start and every synapse.telemetry.partitions.maintain-every. */
    @Scheduled(identity = "telemetry-partitions", every = "${synapse.telemetry.partitions.maintain-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void maintain() {
        LocalDate today = LocalDate.now(clock);
        for (PartitionedTable table : PartitionedTable.values()) {
            List<LocalDate> ahead = new ArrayList<>();
            for (int i = 0; i <= config.partitions().daysAhead(); i++) {
                ahead.add(today.plusDays(i));
            }
            ensure(table, ahead);
            dropExpired(table);
        }
        rows.purge();
        if (config.store() == TelemetryConfig.Store.CLICKHOUSE) {
            try {
                if (!clickhouseSchema.supportsTtl()) {
                    settings.duration(PartitionedTable.WORKLOAD_EVENTS.retentionSetting)
                            .ifPresent(retention -> clickhouse.deleteOlderThan(clock.instant().minus(retention)));
                }
            } catch (RuntimeException e) {
                LOG.warnf("ClickHouse retention did not run (%s): the next maintenance tries again", e.getMessage());
            }
        }
    }

    /** Drops the partitions whose every row is older than the retention; answers the partitions dropped. */
    public List<String> dropExpired(PartitionedTable table) {
        Optional<Duration> retention = settings.duration(table.retentionSetting);
        if (retention.isEmpty()) {
            return List.of();
        }
        Instant cutoff = clock.instant().minus(retention.get());
        List<String> dropped = QuarkusTransaction.requiringNew().call(() -> {
            List<String> names = new ArrayList<>();
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                }
                for (String partition : partitionsOf(c, table)) {
                    LocalDate day = LocalDate.parse(partition.substring(partition.length() - 8), SUFFIX);
                    // The partition ends at the next midnight: all of it is expired when that is before the cutoff.
                    if (!day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
                        try (Statement s = c.createStatement()) {
                            s.execute("DROP TABLE " + partition);
                        }
                        names.add(partition);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Dropping expired partitions of " + table.table + " failed: " + e.getMessage(), e);
            }
            if (!names.isEmpty()) {
                audit.event("telemetry.retention").resource("table", table.table)
                        .newValues(java.util.Map.of("dropped_partitions", names, "retention", retention.get().toString(), "cutoff", cutoff.toString()))
                        .record();
            }
            return names;
        });
        dropped.forEach(known::remove);
        if (!dropped.isEmpty()) {
            LOG.infof("Retention: dropped %d partition(s) of %s older than %s: %s", dropped.size(), table.table, cutoff, dropped);
        }
        return dropped;
    }

    /** The table's daily partitions, oldest first (only names this class creates). */
    public List<String> partitionsOf(Connection c, PartitionedTable table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT child.relname FROM pg_inherits i
                JOIN pg_class parent ON parent.oid = i.inhparent
                JOIN pg_class child ON child.oid = i.inhrelid
                JOIN pg_namespace n ON n.oid = parent.relnamespace
                WHERE parent.relname = ? AND n.nspname = current_schema()""")) {
            ps.setString(1, table.table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.matches(java.util.regex.Pattern.quote(table.table) + "_p\\d{8}")) {
                        names.add(name);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }
}
