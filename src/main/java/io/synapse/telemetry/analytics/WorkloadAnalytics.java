package io.synapse.telemetry.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;

/**
 * Workload analytics that always equal the raw events. Whole hours come from
 * workload_metrics_hourly unless the hour is queued for a rollup (new or late events since it was
 * rolled, or the current hour); those hours and the partial hours at either end are read from
 * workload_events. Both sources yield the same columns and are aggregated together, and latency
 * percentiles come from merging the same fixed histogram buckets either way. The three reads share
 * one REPEATABLE READ snapshot, so a rollup committing meanwhile cannot count an hour twice.
 */
@ApplicationScoped
public class WorkloadAnalytics {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final Duration MAX_HOURLY_WINDOW = Duration.ofDays(31);
    static final Instant CLICKHOUSE_MIN = Instant.EPOCH;
    static final Instant CLICKHOUSE_MAX = Instant.parse("2106-02-07T06:28:15Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.synapse.telemetry.TelemetryConfig config;

    @Inject
    io.synapse.telemetry.clickhouse.ClickHouseWorkloads clickhouse;

    public record Filters(UUID userId, String model, String workloadType) {
    }

    @Transactional
    public WorkloadReport report(Actor actor, Instant from, Instant to, WorkloadGrouping groupBy, Filters requested) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (start.isBefore(io.synapse.common.input.TimeBounds.MIN)) {
            start = io.synapse.common.input.TimeBounds.MIN;
        }
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        WorkloadGrouping grouping = groupBy != null ? groupBy : WorkloadGrouping.DAY;
        if (Duration.between(start, end).compareTo(grouping == WorkloadGrouping.HOUR ? MAX_HOURLY_WINDOW : MAX_WINDOW) > 0) {
            throw ProblemException.invalidField("from", grouping == WorkloadGrouping.HOUR ? "group_by=hour may span at most 31 days"
                    : "the window may span at most 366 days");
        }
        UUID owner = actor.has(Roles.MANAGER) ? requested.userId() : actor.userId();
        if (owner == null && !actor.has(Roles.MANAGER)) {
            throw ProblemException.forbidden("Service tokens have no workloads of their own");
        }
        Filters filters = new Filters(owner, requested.model(), requested.workloadType());
        if (config.store() == io.synapse.telemetry.TelemetryConfig.Store.CLICKHOUSE) {
            if (start.isBefore(CLICKHOUSE_MIN) || end.isAfter(CLICKHOUSE_MAX)) {
                throw ProblemException.invalidField(start.isBefore(CLICKHOUSE_MIN) ? "from" : "to",
                        "must be between 1970-01-01 and 2106-02-07 (ClickHouse DateTime)");
            }
            WorkloadReport report = clickhouse.report(start, end, grouping, filters);
            if (grouping != WorkloadGrouping.USER) {
                return report;
            }
            try (Connection c = dataSource.getConnection()) {
                Map<String, String> labels = labels(c, grouping, new java.util.HashSet<>(report.groups().stream().map(WorkloadReport.Row::key).toList()));
                List<WorkloadReport.Row> rows = report.groups().stream().map(r -> new WorkloadReport.Row(r.key(), labels.getOrDefault(r.key(), r.key()),
                        r.events(), r.errors(), r.errorRate(), r.promptTokens(), r.completionTokens(), r.totalTokens(), r.cost(), r.latency())).toList();
                return new WorkloadReport(report.from(), report.to(), report.groupBy(), report.userId(), rows, report.truncated(), report.totals(),
                        report.sources());
            } catch (SQLException e) {
                throw new IllegalStateException("Reading user labels failed: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Plan plan = plan(c, start, end);
            Map<String, WorkloadFigures> groups = new TreeMap<>();
            WorkloadFigures totals = new WorkloadFigures();
            scalars(c, plan, grouping, filters, groups, totals);
            histograms(c, plan, grouping, filters, groups, totals);
            Map<String, String> labels = labels(c, grouping, groups.keySet());
            List<WorkloadReport.Row> rows = new ArrayList<>();
            groups.forEach((key, acc) -> rows.add(acc.row(key, labels.getOrDefault(key, key))));
            return WorkloadReport.of(start, end, grouping, owner, rows, totals.row(null, null),
                    new WorkloadReport.Sources(plan.rollupHours(), plan.queued().size(), plan.partial()));
        } catch (SQLException e) {
            throw new IllegalStateException("Workload analytics failed: " + e.getMessage(), e);
        }
    }

    /** Which whole hours the rollups serve and which ranges are read raw. */
    record Plan(Instant fullFrom, Instant fullTo, List<Instant> queued, List<Instant> rawFrom, List<Instant> rawTo, int rollupHours, int partial) {
    }

    private static Plan plan(Connection c, Instant from, Instant to) throws SQLException {
        Instant fullFrom = from.truncatedTo(ChronoUnit.HOURS).equals(from) ? from : from.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant fullTo = to.truncatedTo(ChronoUnit.HOURS);
        List<Instant> rawFrom = new ArrayList<>();
        List<Instant> rawTo = new ArrayList<>();
        List<Instant> queued = new ArrayList<>();
        if (!fullFrom.isBefore(fullTo)) {
            rawFrom.add(from);
            rawTo.add(to);
            return new Plan(fullFrom, fullFrom, queued, rawFrom, rawTo, 0, 1);
        }
        if (from.isBefore(fullFrom)) {
            rawFrom.add(from);
            rawTo.add(fullFrom);
        }
        if (fullTo.isBefore(to)) {
            rawFrom.add(fullTo);
            rawTo.add(to);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT bucket FROM telemetry_rollup_queue
                WHERE stream = 'workload' AND bucket >= ? AND bucket < ? ORDER BY bucket""")) {
            ps.setTimestamp(1, Timestamp.from(fullFrom));
            ps.setTimestamp(2, Timestamp.from(fullTo));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant hour = rs.getTimestamp(1).toInstant();
                    queued.add(hour);
                    rawFrom.add(hour);
                    rawTo.add(hour.plus(1, ChronoUnit.HOURS));
                }
            }
        }
        int hours = (int) Duration.between(fullFrom, fullTo).toHours() - queued.size();
        int partial = (from.isBefore(fullFrom) ? 1 : 0) + (fullTo.isBefore(to) ? 1 : 0);
        return new Plan(fullFrom, fullTo, queued, merged(rawFrom, rawTo, true), merged(rawFrom, rawTo, false), hours, partial);
    }

    /**
     * Adjacent raw ranges joined (a run of queued hours, the current hour next to the right edge):
     * each range is one index range scan, and hundreds of them made the planner scan every partition
     * once per range (25 s for 900,000 events when every hour of 30 days was queued).
     */
    private static List<Instant> merged(List<Instant> from, List<Instant> to, boolean starts) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(from::get));
        List<Instant> starts_ = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (int i : order) {
            if (!ends.isEmpty() && !from.get(i).isAfter(ends.get(ends.size() - 1))) {
                if (to.get(i).isAfter(ends.get(ends.size() - 1))) {
                    ends.set(ends.size() - 1, to.get(i));
                }
            } else {
                starts_.add(from.get(i));
                ends.add(to.get(i));
            }
        }
        return starts ? starts_ : ends;
    }

    /** The rows of both sources as (t, user_id, workload_type, model, sums...). */
    private static String source(Filters f, int rangeCount) {
        String rollupFilters = filters(f, "h.");
        String rawFilters = filters(f, "e.");
        return """
                    SELECT h.bucket AS t, h.user_id, h.workload_type, h.model, h.event_count AS n, h.error_count AS errors,
                           h.prompt_tokens AS prompt, h.completion_tokens AS completion, h.total_tokens AS total, h.cost,
                           h.latency_count AS lat_n, h.latency_sum_ms AS lat_sum, h.latency_min_ms AS lat_min, h.latency_max_ms AS lat_max
                    FROM workload_metrics_hourly h
                    WHERE h.bucket >= ? AND h.bucket < ? AND h.bucket <> ALL (?::timestamptz[]) %s
                    UNION ALL
                    SELECT date_trunc('hour', e.occurred_at, 'UTC'), e.user_id, e.workload_type, e.model, 1, (e.status = 'error')::int,
                           coalesce(e.prompt_tokens, 0), coalesce(e.completion_tokens, 0), coalesce(e.total_tokens, 0), coalesce(e.cost, 0),
                           (e.latency_ms IS NOT NULL)::int, coalesce(e.latency_ms, 0), e.latency_ms, e.latency_ms
                    FROM workload_events e
                    WHERE (%s) %s
                    """.formatted(rollupFilters, ranges(rangeCount), rawFilters);
    }

    private static String filters(Filters f, String alias) {
        StringBuilder sql = new StringBuilder();
        if (f.userId() != null) {
            sql.append(" AND ").append(alias).append("user_id = ?");
        }
        if (f.model() != null) {
            sql.append(" AND ").append(alias).append("model = ?");
        }
        if (f.workloadType() != null) {
            sql.append(" AND ").append(alias).append("workload_type = ?");
        }
        return sql.toString();
    }

    private static int bind(PreparedStatement ps, Connection c, Plan plan, Filters f) throws SQLException {
        int i = 1;
        ps.setTimestamp(i++, Timestamp.from(plan.fullFrom()));
        ps.setTimestamp(i++, Timestamp.from(plan.fullTo()));
        ps.setArray(i++, c.createArrayOf("text", plan.queued().stream().map(Instant::toString).toArray()));
        i = bindFilters(ps, i, f);
        return bindFilters(ps, bindRanges(ps, i, plan), f);
    }

    /**
     * The raw ranges as literal conditions: the planner then prunes partitions and scans the time
     * index once per range (joined with unnest() it scanned every partition whole: 0.7 s for two
     * edge ranges over 1,200,000 events).
     */
    private static String ranges(int count) {
        if (count == 0) {
            return "false";
        }
        return String.join(" OR ", java.util.Collections.nCopies(count, "(e.occurred_at >= ? AND e.occurred_at < ?)"));
    }

    private static int bindRanges(PreparedStatement ps, int i, Plan plan) throws SQLException {
        for (int r = 0; r < plan.rawFrom().size(); r++) {
            ps.setTimestamp(i++, Timestamp.from(plan.rawFrom().get(r)));
            ps.setTimestamp(i++, Timestamp.from(plan.rawTo().get(r)));
        }
        return i;
    }

    private static int bindFilters(PreparedStatement ps, int i, Filters f) throws SQLException {
        if (f.userId() != null) {
            ps.setObject(i++, f.userId());
        }
        if (f.model() != null) {
            ps.setString(i++, f.model());
        }
        if (f.workloadType() != null) {
            ps.setString(i++, f.workloadType());
        }
        return i;
    }

    private static void scalars(Connection c, Plan plan, WorkloadGrouping g, Filters f, Map<String, WorkloadFigures> groups, WorkloadFigures totals) throws SQLException {
        String sql = """
                WITH src AS (%s)
                SELECT %s AS key, sum(n), sum(errors), sum(prompt), sum(completion), sum(total), sum(cost), sum(lat_n), sum(lat_sum),
                       min(lat_min), max(lat_max)
                FROM src GROUP BY 1""".formatted(source(f, plan.rawFrom().size()), g.keySql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, c, plan, f);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkloadFigures acc = groups.computeIfAbsent(rs.getString(1), k -> new WorkloadFigures());
                    acc.add(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7), rs.getLong(8),
                            rs.getLong(9), (Integer) rs.getObject(10), (Integer) rs.getObject(11));
                    totals.add(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7), rs.getLong(8),
                            rs.getLong(9), (Integer) rs.getObject(10), (Integer) rs.getObject(11));
                }
            }
        }
    }

    /**
     * Latency histograms per group. The rollups' sparse arrays are merged here rather than unnested
     * in SQL (14,000 rows of arrays instead of 360,000 unnested rows for 30 days); raw rows are
     * bucketed and counted by PostgreSQL.
     */
    private static void histograms(Connection c, Plan plan, WorkloadGrouping g, Filters f, Map<String, WorkloadFigures> groups, WorkloadFigures totals)
            throws SQLException {
        String rollups = """
                SELECT %s AS key, latency_buckets, latency_counts
                FROM (SELECT h.bucket AS t, h.user_id, h.workload_type, h.model, h.latency_buckets, h.latency_counts
                      FROM workload_metrics_hourly h
                      WHERE h.bucket >= ? AND h.bucket < ? AND h.bucket <> ALL (?::timestamptz[]) AND cardinality(h.latency_buckets) > 0 %s) s"""
                .formatted(g.keySql, filters(f, "h."));
        try (PreparedStatement ps = c.prepareStatement(rollups)) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(plan.fullFrom()));
            ps.setTimestamp(i++, Timestamp.from(plan.fullTo()));
            ps.setArray(i++, c.createArrayOf("text", plan.queued().stream().map(Instant::toString).toArray()));
            bindFilters(ps, i, f);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkloadFigures acc = groups.get(rs.getString(1));
                    Object[] buckets = (Object[]) rs.getArray(2).getArray();
                    Object[] counts = (Object[]) rs.getArray(3).getArray();
                    for (int b = 0; b < buckets.length; b++) {
                        int bucket = ((Number) buckets[b]).intValue();
                        long count = ((Number) counts[b]).longValue();
                        if (acc != null) {
                            acc.histogram(bucket, LatencyBuckets.upper(bucket), count);
                        }
                        totals.histogram(bucket, LatencyBuckets.upper(bucket), count);
                    }
                }
            }
        }
        if (plan.rawFrom().isEmpty()) {
            return;
        }
        String raw = """
                SELECT %s AS key, lb, count(*)
                FROM (SELECT date_trunc('hour', e.occurred_at, 'UTC') AS t, e.user_id, e.workload_type, e.model,
                             telemetry_latency_bucket(e.latency_ms) AS lb
                      FROM workload_events e
                      WHERE (%s) AND e.latency_ms IS NOT NULL %s) s
                GROUP BY 1, 2""".formatted(g.keySql, ranges(plan.rawFrom().size()), filters(f, "e."));
        try (PreparedStatement ps = c.prepareStatement(raw)) {
            bindFilters(ps, bindRanges(ps, 1, plan), f);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WorkloadFigures acc = groups.get(rs.getString(1));
                    int bucket = rs.getInt(2);
                    long count = rs.getLong(3);
                    if (acc != null) {
                        acc.histogram(bucket, LatencyBuckets.upper(bucket), count);
                    }
                    totals.histogram(bucket, LatencyBuckets.upper(bucket), count);
                }
            }
        }
    }

    private static Map<String, String> labels(Connection c, WorkloadGrouping g, java.util.Set<String> keys) throws SQLException {
        Map<String, String> labels = new HashMap<>();
        if (g == WorkloadGrouping.MODEL) {
            labels.put("", "(none)");
        }
        if (g != WorkloadGrouping.USER) {
            return labels;
        }
        labels.put("", "(no user)");
        List<String> ids = keys.stream().filter(k -> !k.isEmpty()).toList();
        try (PreparedStatement ps = c.prepareStatement("SELECT id::text, email FROM users WHERE id = ANY (?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return labels;
    }
}
