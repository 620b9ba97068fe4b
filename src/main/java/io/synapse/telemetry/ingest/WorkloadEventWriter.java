package io.synapse.telemetry.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.synapse.telemetry.partitions.PartitionedTable;
import io.synapse.telemetry.partitions.Partitions;

/**
 * Writes a validated batch. First by COPY straight into the table: the fastest way into PostgreSQL,
 * but it has no ON CONFLICT, so it only succeeds when no event of the batch is stored yet (the
 * usual case). A retried batch meets a stored event (unique violation: the COPY is rolled back,
 * nothing written) and goes again as one INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING,
 * every column one array parameter. The hours written are queued for the rollup job in the same
 * transaction as the rows.
 */
@ApplicationScoped
public class WorkloadEventWriter {

    static final String INSERT = """
            INSERT INTO workload_events (event_id, occurred_at, user_id, workload_id, workload_type, event_type, event_category, model,
                status, prompt_tokens, completion_tokens, total_tokens, latency_ms, cost, metrics, dimensions, metadata)
            SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::int[], ?::int[], ?::int[], ?::int[], ?::numeric[], ?::jsonb[], ?::jsonb[], ?::jsonb[])
            """;

    static final String SKIP_STORED = " ON CONFLICT DO NOTHING";

    static final String QUEUE = "INSERT INTO telemetry_rollup_queue (stream, bucket) SELECT ?, unnest(?::timestamptz[])";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Partitions partitions;

    /** Inserts what is new; answers how many rows were inserted (the rest were already stored). */
    public int write(List<WorkloadEventRow> rows) {
        return TelemetryWriter.withPartitions(partitions, PartitionedTable.WORKLOAD_EVENTS, rows, WorkloadEventRow::occurredAt,
                () -> insertOrSkipStored(rows));
    }

    private int insertOrSkipStored(List<WorkloadEventRow> rows) {
        try {
            return insert(rows, false);
        } catch (MissingPartition.AlreadyStored e) {
            return insert(rows, true);
        }
    }

    static final String COPY = "COPY workload_events (event_id, occurred_at, user_id, workload_id, workload_type, event_type, event_category, model,"
            + " status, prompt_tokens, completion_tokens, total_tokens, latency_ms, cost, metrics, dimensions, metadata) FROM STDIN";

    @Transactional
    int insert(List<WorkloadEventRow> rows, boolean skipStored) {
        if (!skipStored) {
            return copy(rows);
        }
        int n = rows.size();
        String[] ids = new String[n], times = new String[n], users = new String[n], workloads = new String[n], types = new String[n],
                events = new String[n], categories = new String[n], models = new String[n], statuses = new String[n],
                metrics = new String[n], dimensions = new String[n], metadata = new String[n];
        Integer[] prompt = new Integer[n], completion = new Integer[n], total = new Integer[n], latency = new Integer[n];
        java.math.BigDecimal[] cost = new java.math.BigDecimal[n];
        TreeSet<Instant> hours = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            WorkloadEventRow r = rows.get(i);
            ids[i] = r.eventId().toString();
            times[i] = r.occurredAt().toString();
            users[i] = r.userId() == null ? null : r.userId().toString();
            workloads[i] = r.workloadId();
            types[i] = r.workloadType();
            events[i] = r.eventType();
            categories[i] = r.eventCategory();
            models[i] = r.model();
            statuses[i] = r.status();
            prompt[i] = r.promptTokens();
            completion[i] = r.completionTokens();
            total[i] = r.totalTokens();
            latency[i] = r.latencyMs();
            cost[i] = r.cost();
            metrics[i] = r.metrics();
            dimensions[i] = r.dimensions();
            metadata[i] = r.metadata();
            hours.add(r.occurredAt().truncatedTo(ChronoUnit.HOURS));
        }
        try (Connection c = dataSource.getConnection()) {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement(skipStored ? INSERT + SKIP_STORED : INSERT)) {
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("text", times));
                ps.setArray(3, c.createArrayOf("text", users));
                ps.setArray(4, c.createArrayOf("text", workloads));
                ps.setArray(5, c.createArrayOf("text", types));
                ps.setArray(6, c.createArrayOf("text", events));
                ps.setArray(7, c.createArrayOf("text", categories));
                ps.setArray(8, c.createArrayOf("text", models));
                ps.setArray(9, c.createArrayOf("text", statuses));
                ps.setArray(10, c.createArrayOf("int4", prompt));
                ps.setArray(11, c.createArrayOf("int4", completion));
                ps.setArray(12, c.createArrayOf("int4", total));
                ps.setArray(13, c.createArrayOf("int4", latency));
                ps.setArray(14, c.createArrayOf("numeric", cost));
                ps.setArray(15, c.createArrayOf("text", metrics));
                ps.setArray(16, c.createArrayOf("text", dimensions));
                ps.setArray(17, c.createArrayOf("text", metadata));
                inserted = ps.executeUpdate();
            }
            if (inserted > 0) {
                queue(c, "workload", hours.stream().map(Instant::toString).toArray(String[]::new));
            }
            return inserted;
        } catch (SQLException e) {
            throw MissingPartition.orRethrow(e);
        }
    }

    private int copy(List<WorkloadEventRow> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        TreeSet<Instant> hours = new TreeSet<>();
        for (WorkloadEventRow r : rows) {
            CopyText.field(text, r.eventId()).tab();
            CopyText.field(text, r.occurredAt()).tab();
            CopyText.field(text, r.userId()).tab();
            CopyText.field(text, r.workloadId()).tab();
            CopyText.field(text, r.workloadType()).tab();
            CopyText.field(text, r.eventType()).tab();
            CopyText.field(text, r.eventCategory()).tab();
            CopyText.field(text, r.model()).tab();
            CopyText.field(text, r.status()).tab();
            CopyText.field(text, r.promptTokens()).tab();
            CopyText.field(text, r.completionTokens()).tab();
            CopyText.field(text, r.totalTokens()).tab();
            CopyText.field(text, r.latencyMs()).tab();
            CopyText.field(text, r.cost() == null ? null : r.cost().toPlainString()).tab();
            CopyText.field(text, r.metrics()).tab();
            CopyText.field(text, r.dimensions()).tab();
            CopyText.field(text, r.metadata()).end();
            hours.add(r.occurredAt().truncatedTo(ChronoUnit.HOURS));
        }
        try (Connection c = dataSource.getConnection()) {
            long inserted = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(COPY, new java.io.StringReader(text.toString()));
            queue(c, "workload", hours.stream().map(Instant::toString).toArray(String[]::new));
            return (int) inserted;
        } catch (SQLException e) {
            throw MissingPartition.orRethrow(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("COPY of workload events failed: " + e.getMessage(), e);
        }
    }

    static void queue(Connection c, String stream, String[] buckets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUEUE)) {
            ps.setString(1, stream);
            ps.setArray(2, c.createArrayOf("text", buckets));
            ps.executeUpdate();
        }
    }
}
