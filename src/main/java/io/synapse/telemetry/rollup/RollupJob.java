package io.synapse.telemetry.rollup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps workload_metrics_hourly and user_activity equal to what the raw events say.
 * <p>
 * Every ingest queues the hours (workload events) and days (product events) it wrote to in
 * telemetry_rollup_queue, in its own transaction. This job takes queued buckets, recomputes each
 * from the raw rows and deletes exactly the queue rows it read: an ingest that commits meanwhile
 * leaves a newer row behind, so its bucket is recomputed on the next run. There is no watermark
 * to fall behind: a late event (up to synapse.telemetry.ingest.max-lateness old) queues its hour
 * again like any other. Workload hours are rolled up once they are over (the current hour is read
 * raw by the analytics); activity days as soon as they are queued.
 * <p>
 * Several replicas: each bucket is recomputed under a transaction-scoped advisory lock taken with
 * try, so a bucket is never rolled by two replicas at once (which could double its rows), and a
 * replica that finds a bucket taken moves on to the next.
 */
@ApplicationScoped
public class RollupJob {

    private static final Logger LOG = Logger.getLogger(RollupJob.class);
    /** First key of pg_try_advisory_xact_lock(int, int): telemetry rollups. */
    private static final int LOCK = 0x5e1e02;

    static final String ROLL_HOUR = """
            INSERT INTO workload_metrics_hourly (bucket, user_id, workload_type, model, event_count, error_count, prompt_tokens,
                completion_tokens, total_tokens, cost, latency_count, latency_sum_ms, latency_min_ms, latency_max_ms, latency_buckets, latency_counts)
            SELECT ?::timestamptz, user_id, workload_type, model, sum(n), sum(errors), sum(prompt), sum(completion), sum(total), sum(cost),
                   sum(lat_n), sum(lat_sum), min(lat_min), max(lat_max),
                   coalesce(array_agg(lb ORDER BY lb) FILTER (WHERE lb IS NOT NULL), '{}'),
                   coalesce(array_agg(lat_n::int ORDER BY lb) FILTER (WHERE lb IS NOT NULL), '{}')
            FROM (SELECT user_id, workload_type, model, telemetry_latency_bucket(latency_ms) AS lb, count(*) AS n,
                         count(*) FILTER (WHERE status = 'error') AS errors, coalesce(sum(prompt_tokens), 0) AS prompt,
                         coalesce(sum(completion_tokens), 0) AS completion, coalesce(sum(total_tokens), 0) AS total,
                         coalesce(sum(cost), 0) AS cost, count(latency_ms) AS lat_n, coalesce(sum(latency_ms), 0) AS lat_sum,
                         min(latency_ms) AS lat_min, max(latency_ms) AS lat_max
                  FROM workload_events
                  WHERE occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz + interval '1 hour'
                  GROUP BY user_id, workload_type, model, lb) per_bucket
            GROUP BY user_id, workload_type, model""";

    /** A day's activity: product events by type, and workload events by type from the day's hourly rollups. */
    static final String ROLL_DAY = """
            INSERT INTO user_activity (date, user_id, action, count, total_duration_ms)
            SELECT ?::date, user_id, event_type, count(*),
                   coalesce(sum(CASE WHEN jsonb_typeof(event_data -> 'duration_ms') = 'number'
                                     AND (event_data ->> 'duration_ms')::numeric BETWEEN 0 AND 2147483647
                                     THEN (event_data ->> 'duration_ms')::numeric END), 0)::bigint
            FROM events
            WHERE occurred_at >= ?::date::timestamp AT TIME ZONE 'UTC' AND occurred_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY user_id, event_type
            UNION ALL
            SELECT ?::date, user_id, 'workload:' || workload_type, sum(event_count), sum(latency_sum_ms)
            FROM workload_metrics_hourly
            WHERE bucket >= ?::date::timestamp AT TIME ZONE 'UTC' AND bucket < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY user_id, workload_type""";

    record Queued(String stream, Instant bucket, Long[] seqs) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Scheduled(identity = "telemetry-rollup", every = "${synapse.telemetry.rollup.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("Telemetry rollup failed (%s): the queued buckets stay queued for the next run", e.getMessage());
        }
    }

    /** Rolls up everything queued and due; answers the number of buckets recomputed. Hours first, so their days see them. */
    public int runOnce() {
        int done = 0;
        for (String stream : List.of("workload", "activity")) {
            List<Queued> due;
            int rolled;
            do {
                due = QuarkusTransaction.requiringNew().call(() -> due(stream));
                rolled = 0;
                for (Queued q : due) {
                    try {
                        if (QuarkusTransaction.requiringNew().call(() -> roll(q))) {
                            rolled++;
                        }
                    } catch (RuntimeException e) {
                        // One bucket that cannot be rolled must not hold up the others: it stays queued (and is read raw).
                        LOG.warnf("Rolling up %s %s failed (%s): it stays queued", q.stream(), q.bucket(), e.getMessage());
                    }
                }
                done += rolled;
                // A full page means more may wait; a page another replica holds entirely is left to it.
            } while (due.size() == BATCH && rolled > 0);
        }
        return done;
    }

    private static final int BATCH = 200;

    private List<Queued> due(String stream) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT bucket, array_agg(seq) FROM telemetry_rollup_queue
                WHERE stream = ? AND (stream = 'activity' OR bucket + interval '1 hour' <= now())
                GROUP BY bucket ORDER BY bucket LIMIT ?""")) {
            ps.setString(1, stream);
            ps.setInt(2, BATCH);
            List<Queued> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array seqs = rs.getArray(2);
                    due.add(new Queued(stream, rs.getTimestamp(1).toInstant(), (Long[]) seqs.getArray()));
                }
            }
            return due;
        }
    }

    /** Recomputes one bucket; false when another replica holds it (it stays queued for whoever is on it). */
    private boolean roll(Queued q) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, LOCK);
                lock.setInt(2, (q.stream().hashCode() * 31) ^ Long.hashCode(q.bucket().getEpochSecond()));
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            String bucket = q.bucket().toString();
            if (q.stream().equals("workload")) {
                exec(c, "DELETE FROM workload_metrics_hourly WHERE bucket = ?::timestamptz", bucket);
                exec(c, ROLL_HOUR, bucket, bucket, bucket);
                // The day's activity includes this hour's workloads.
                exec(c, "INSERT INTO telemetry_rollup_queue (stream, bucket) VALUES ('activity', date_trunc('day', ?::timestamptz, 'UTC'))", bucket);
            } else {
                String day = q.bucket().toString().substring(0, 10);
                exec(c, "DELETE FROM user_activity WHERE date = ?::date", day);
                exec(c, ROLL_DAY, day, day, day, day, day, day);
            }
            try (PreparedStatement done = c.prepareStatement("DELETE FROM telemetry_rollup_queue WHERE seq = ANY (?)")) {
                done.setArray(1, c.createArrayOf("bigint", q.seqs()));
                done.executeUpdate();
            }
            return true;
        }
    }

    private static void exec(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
