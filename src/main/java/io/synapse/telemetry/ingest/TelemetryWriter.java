package io.synapse.telemetry.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.synapse.common.web.RequestInfo;
import io.synapse.telemetry.partitions.PartitionedTable;
import io.synapse.telemetry.partitions.Partitions;

/** Product events and performance metrics, written like workload events: one unnest() statement per batch. */
@ApplicationScoped
public class TelemetryWriter {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Partitions partitions;

    /** Plain INSERT first, ON CONFLICT only for a batch that holds stored events (see WorkloadEventWriter). */
    public int writeEvents(List<ProductEventRow> rows, RequestInfo request) {
        return withPartitions(partitions, PartitionedTable.EVENTS, rows, ProductEventRow::occurredAt, () -> {
            try {
                return insertEvents(rows, request, false);
            } catch (MissingPartition.AlreadyStored e) {
                return insertEvents(rows, request, true);
            }
        });
    }

    public int writeMetrics(List<MetricPointRow> rows) {
        return withPartitions(partitions, PartitionedTable.PERFORMANCE_METRICS, rows, MetricPointRow::recordedAt, () -> insertMetrics(rows));
    }

    /**
     * Makes sure the rows' days have partitions, then inserts. Should another replica have dropped
     * (or never created) a day this one believed in, it learns and tries once more.
     */
    static <T> int withPartitions(Partitions partitions, PartitionedTable table, List<T> rows, Function<T, Instant> time, IntSupplier insert) {
        partitions.ensure(table, rows.stream().map(r -> Partitions.dayOf(time.apply(r))).toList());
        try {
            return insert.getAsInt();
        } catch (MissingPartition e) {
            partitions.forget(table);
            partitions.ensure(table, rows.stream().map(r -> Partitions.dayOf(time.apply(r))).toList());
            return insert.getAsInt();
        }
    }

    @Transactional
    int insertEvents(List<ProductEventRow> rows, RequestInfo request, boolean skipStored) {
        int n = rows.size();
        String[] ids = new String[n], times = new String[n], types = new String[n], users = new String[n], sessions = new String[n],
                data = new String[n];
        TreeSet<Instant> days = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ProductEventRow r = rows.get(i);
            ids[i] = r.id().toString();
            times[i] = r.occurredAt().toString();
            types[i] = r.eventType();
            users[i] = r.userId() == null ? null : r.userId().toString();
            sessions[i] = r.sessionId();
            data[i] = r.eventData();
            days.add(r.occurredAt().truncatedTo(ChronoUnit.DAYS));
        }
        try (Connection c = dataSource.getConnection()) {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO events (id, occurred_at, event_type, user_id, session_id, event_data, ip_address, user_agent)
                    SELECT u.*, ?::inet, ? FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::uuid[], ?::text[], ?::jsonb[]) u"""
                    + (skipStored ? " ON CONFLICT DO NOTHING" : ""))) {
                ps.setString(1, request.ip() == null ? null : request.ip().getHostAddress().replaceFirst("%.*$", "")); // inet has no IPv6 scope
                ps.setString(2, request.userAgent());
                ps.setArray(3, c.createArrayOf("text", ids));
                ps.setArray(4, c.createArrayOf("text", times));
                ps.setArray(5, c.createArrayOf("text", types));
                ps.setArray(6, c.createArrayOf("text", users));
                ps.setArray(7, c.createArrayOf("text", sessions));
                ps.setArray(8, c.createArrayOf("text", data));
                inserted = ps.executeUpdate();
            }
            if (inserted > 0) {
                WorkloadEventWriter.queue(c, "activity", days.stream().map(Instant::toString).toArray(String[]::new));
            }
            return inserted;
        } catch (SQLException e) {
            throw MissingPartition.orRethrow(e);
        }
    }

    @Transactional
    int insertMetrics(List<MetricPointRow> rows) {
        int n = rows.size();
        String[] times = new String[n], names = new String[n], units = new String[n], sources = new String[n], users = new String[n],
                data = new String[n];
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
            MetricPointRow r = rows.get(i);
            times[i] = r.recordedAt().toString();
            names[i] = r.metricName();
            values[i] = r.metricValue();
            units[i] = r.metricUnit();
            sources[i] = r.source();
            users[i] = r.userId() == null ? null : r.userId().toString();
            data[i] = r.additionalData();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO performance_metrics (recorded_at, metric_name, metric_value, metric_unit, source, user_id, additional_data)
                SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])""")) {
            ps.setArray(1, c.createArrayOf("text", times));
            ps.setArray(2, c.createArrayOf("text", names));
            ps.setArray(3, c.createArrayOf("float8", values));
            ps.setArray(4, c.createArrayOf("text", units));
            ps.setArray(5, c.createArrayOf("text", sources));
            ps.setArray(6, c.createArrayOf("text", users));
            ps.setArray(7, c.createArrayOf("text", data));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw MissingPartition.orRethrow(e);
        }
    }
}
