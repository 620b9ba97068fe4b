package io.synapse.telemetry.clickhouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.synapse.telemetry.analytics.LatencyBuckets;
import io.synapse.telemetry.analytics.WorkloadAnalytics;
import io.synapse.telemetry.analytics.WorkloadFigures;
import io.synapse.telemetry.analytics.WorkloadGrouping;
import io.synapse.telemetry.analytics.WorkloadReport;
import io.synapse.telemetry.ingest.WorkloadEventRow;

/**
 * Workload events in ClickHouse: the same API and the same figures as the PostgreSQL store.
 * <p>
 * Writes: ClickHouse has no unique keys, so a batch first asks which of its (event_id, time) pairs
 * are stored already and inserts only the others, in one JSONEachRow request. A retry after an
 * answer is therefore stored once; two copies of one batch sent at the same instant could both
 * pass the check (the raw table's ReplacingMergeTree merges them away later, the hourly aggregates
 * would keep both): clients retry after an answer or a timeout, not in parallel.
 * <p>
 * Reads: whole hours from the hourly aggregates (the materialised view keeps them current on
 * every insert, late events included), partial hours at the edges from the raw table, merged
 * through the same fixed latency histogram.
 */
@ApplicationScoped
public class ClickHouseWorkloads {

    /** Ids per duplicate check: keeps the statement well under ClickHouse's 256 KiB max_query_size. */
    static final int CHECK_CHUNK = 2_000;

    @Inject
    ClickHouseClient client;

    @Inject
    ClickHouseSchema schema;

    @Inject
    ObjectMapper mapper;

    public int write(List<WorkloadEventRow> rows) {
        schema.ensure();
        Set<String> stored = storedKeys(rows);
        StringBuilder body = new StringBuilder(rows.size() * 300);
        Set<String> batch = new HashSet<>();
        int inserted = 0;
        for (WorkloadEventRow r : rows) {
            String key = key(r.eventId().toString(), r.occurredAt().toEpochMilli());
            if (stored.contains(key) || !batch.add(key)) {
                continue;
            }
            ObjectNode row = mapper.createObjectNode();
            row.put("event_id", r.eventId().toString());
            row.put("timestamp", r.occurredAt().getEpochSecond());
            row.put("ts_ms", r.occurredAt().toEpochMilli());
            row.put("user_id", r.userId() == null ? "" : r.userId().toString());
            row.put("workload_id", r.workloadId());
            row.put("workload_type", r.workloadType());
            row.put("event_type", r.eventType());
            row.put("event_category", r.eventCategory() == null ? "" : r.eventCategory());
            row.put("model", r.model() == null ? "" : r.model());
            row.put("status", r.status());
            row.put("prompt_tokens", r.promptTokens());
            row.put("completion_tokens", r.completionTokens());
            row.put("total_tokens", r.totalTokens());
            row.put("latency_ms", r.latencyMs());
            row.put("latency_bucket", r.latencyMs() == null ? LatencyBuckets.NONE : LatencyBuckets.bucket(r.latencyMs()));
            row.put("cost", r.cost());
            row.put("metrics", r.metrics() == null ? "" : r.metrics());
            row.put("dimensions", r.dimensions() == null ? "" : r.dimensions());
            row.put("metadata", r.metadata() == null ? "" : r.metadata());
            body.append(row).append('\n');
            inserted++;
        }
        if (inserted > 0) {
            client.insert("workload_events", body.toString());
        }
        return inserted;
    }

    private static String key(String id, long millis) {
        return id + "@" + millis;
    }

    private Set<String> storedKeys(List<WorkloadEventRow> rows) {
        long min = rows.stream().mapToLong(r -> r.occurredAt().getEpochSecond()).min().orElse(0);
        long max = rows.stream().mapToLong(r -> r.occurredAt().getEpochSecond()).max().orElse(0);
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < rows.size(); from += CHECK_CHUNK) {
            StringBuilder ids = new StringBuilder();
            for (WorkloadEventRow r : rows.subList(from, Math.min(rows.size(), from + CHECK_CHUNK))) {
                ids.append(ids.isEmpty() ? "" : ",").append("toUUID('").append(r.eventId()).append("')");
            }
            for (JsonNode row : client.select("SELECT toString(event_id) AS id, ts_ms FROM " + client.database() + ".workload_events"
                    + " WHERE timestamp >= toDateTime(" + min + ") AND timestamp <= toDateTime(" + max + ") AND event_id IN (" + ids + ")")) {
                stored.add(key(row.get("id").asText(), row.get("ts_ms").asLong()));
            }
        }
        return stored;
    }

    /** The figures of WorkloadAnalytics.report, from ClickHouse. owner is already decided by the caller's role. */
    public WorkloadReport report(Instant start, Instant end, WorkloadGrouping grouping, WorkloadAnalytics.Filters filters) {
        schema.ensure();
        Instant fullFrom = start.truncatedTo(ChronoUnit.HOURS).equals(start) ? start : start.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant fullTo = end.truncatedTo(ChronoUnit.HOURS);
        boolean anyFull = fullFrom.isBefore(fullTo);
        String db = client.database();
        String where = where(filters);
        Map<String, WorkloadFigures> groups = new TreeMap<>();
        WorkloadFigures totals = new WorkloadFigures();
        int rawRanges = 0;
        if (anyFull) {
            String hours = " WHERE hour >= toDateTime(" + fullFrom.getEpochSecond() + ") AND hour < toDateTime(" + fullTo.getEpochSecond() + ")" + where;
            String key = key(grouping, "hour");
            scalars(client.select("""
                    SELECT %s AS key, countMerge(events) AS n, sumMerge(errors) AS errors, sumMerge(prompt) AS prompt,
                           sumMerge(completion) AS completion, sumMerge(total) AS total, toString(sumMerge(cost)) AS cost,
                           countMerge(lat_n) AS lat_n, sumMerge(lat_sum) AS lat_sum, minMerge(lat_min) AS lat_min, maxMerge(lat_max) AS lat_max
                    FROM %s.workload_metrics_hourly%s GROUP BY key""".formatted(key, db, hours)), groups, totals);
            histograms(client.select("""
                    SELECT %s AS key, latency_bucket AS lb, countMerge(lat_n) AS cnt FROM %s.workload_metrics_hourly%s
                    AND latency_bucket != %d GROUP BY key, lb""".formatted(key, db, hours, LatencyBuckets.NONE)), groups, totals);
        }
        List<long[]> edges = new ArrayList<>();
        if (!anyFull) {
            edges.add(new long[] { start.toEpochMilli(), end.toEpochMilli() });
        } else {
            if (start.isBefore(fullFrom)) {
                edges.add(new long[] { start.toEpochMilli(), fullFrom.toEpochMilli() });
            }
            if (fullTo.isBefore(end)) {
                edges.add(new long[] { fullTo.toEpochMilli(), end.toEpochMilli() });
            }
        }
        for (long[] edge : edges) {
            rawRanges++;
            String range = " WHERE timestamp >= toDateTime(" + Math.floorDiv(edge[0], 1000) + ") AND timestamp <= toDateTime("
                    + Math.floorDiv(edge[1], 1000) + ") AND ts_ms >= " + edge[0] + " AND ts_ms < " + edge[1] + where;
            String key = key(grouping, "toStartOfHour(timestamp)");
            scalars(client.select("""
                    SELECT %s AS key, count() AS n, sum(toUInt64(status = 'error')) AS errors, sum(ifNull(prompt_tokens, 0)) AS prompt,
                           sum(ifNull(completion_tokens, 0)) AS completion, sum(ifNull(total_tokens, 0)) AS total,
                           toString(sum(ifNull(cost, toDecimal64(0, 8)))) AS cost, count(latency_ms) AS lat_n, sum(ifNull(latency_ms, 0)) AS lat_sum,
                           min(latency_ms) AS lat_min, max(latency_ms) AS lat_max
                    FROM %s.workload_events%s GROUP BY key""".formatted(key, db, range)), groups, totals);
            histograms(client.select("""
                    SELECT %s AS key, latency_bucket AS lb, count() AS cnt FROM %s.workload_events%s AND latency_bucket != %d GROUP BY key, lb"""
                    .formatted(key, db, range, LatencyBuckets.NONE)), groups, totals);
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("", grouping == WorkloadGrouping.MODEL ? "(none)" : grouping == WorkloadGrouping.USER ? "(no user)" : "");
        List<WorkloadReport.Row> rows = new ArrayList<>();
        groups.forEach((k, figures) -> rows.add(figures.row(k, grouping == WorkloadGrouping.USER || grouping == WorkloadGrouping.MODEL
                ? labels.getOrDefault(k, k) : k)));
        int rollupHours = anyFull ? (int) java.time.Duration.between(fullFrom, fullTo).toHours() : 0;
        return WorkloadReport.of(start, end, grouping, filters.userId(), rows, totals.row(null, null), new WorkloadReport.Sources(rollupHours, 0, rawRanges));
    }

    /** The group key over a time expression, in the same text the PostgreSQL store answers. */
    private static String key(WorkloadGrouping grouping, String hour) {
        return switch (grouping) {
            case HOUR -> "concat(replaceOne(toString(" + hour + "), ' ', 'T'), 'Z')";
            case DAY -> "toString(toDate(" + hour + "))";
            case MODEL -> "model";
            case WORKLOAD_TYPE -> "workload_type";
            case USER -> "user_id";
        };
    }

    private static String where(WorkloadAnalytics.Filters f) {
        StringBuilder sql = new StringBuilder();
        if (f.userId() != null) {
            sql.append(" AND user_id = ").append(ClickHouseClient.quote(f.userId().toString()));
        }
        if (f.model() != null) {
            sql.append(" AND model = ").append(ClickHouseClient.quote(f.model()));
        }
        if (f.workloadType() != null) {
            sql.append(" AND workload_type = ").append(ClickHouseClient.quote(f.workloadType()));
        }
        return sql.toString();
    }

    private static void scalars(List<JsonNode> rows, Map<String, WorkloadFigures> groups, WorkloadFigures totals) {
        for (JsonNode r : rows) {
            long n = r.get("n").asLong();
            if (n == 0) {
                continue;
            }
            Integer min = r.get("lat_n").asLong() == 0 ? null : r.get("lat_min").asInt();
            Integer max = r.get("lat_n").asLong() == 0 ? null : r.get("lat_max").asInt();
            BigDecimal cost = new BigDecimal(r.get("cost").asText());
            for (WorkloadFigures f : new WorkloadFigures[] { groups.computeIfAbsent(r.get("key").asText(), k -> new WorkloadFigures()), totals }) {
                f.add(n, r.get("errors").asLong(), r.get("prompt").asLong(), r.get("completion").asLong(), r.get("total").asLong(), cost,
                        r.get("lat_n").asLong(), r.get("lat_sum").asLong(), min, max);
            }
        }
    }

    private static void histograms(List<JsonNode> rows, Map<String, WorkloadFigures> groups, WorkloadFigures totals) {
        for (JsonNode r : rows) {
            int bucket = r.get("lb").asInt();
            long count = r.get("cnt").asLong();
            WorkloadFigures group = groups.get(r.get("key").asText());
            if (group != null) {
                group.histogram(bucket, LatencyBuckets.upper(bucket), count);
            }
            totals.histogram(bucket, LatencyBuckets.upper(bucket), count);
        }
    }

    /** recent_workloads from ClickHouse, after the keyset position (last seen in ms, workload id, user id) when given. */
    public List<io.synapse.telemetry.analytics.RecentWorkloadView> recent(java.util.UUID owner, Instant afterTime, String afterWorkload,
            String afterUser, int fetch) {
        schema.ensure();
        String having = "";
        if (afterTime != null) {
            long ms = afterTime.toEpochMilli();
            having = " HAVING last_ms < %1$d OR (last_ms = %1$d AND (workload_id < %2$s OR (workload_id = %2$s AND user_id < %3$s)))"
                    .formatted(ms, ClickHouseClient.quote(afterWorkload), ClickHouseClient.quote(afterUser));
        }
        List<io.synapse.telemetry.analytics.RecentWorkloadView> rows = new ArrayList<>();
        for (JsonNode r : client.select("""
                SELECT workload_id, user_id, max(ts_ms) AS last_ms, count() AS n, uniqExact(event_type) AS types
                FROM %s.workload_events WHERE timestamp > now() - INTERVAL 7 DAY %s
                GROUP BY workload_id, user_id%s ORDER BY last_ms DESC, workload_id DESC, user_id DESC LIMIT %d""".formatted(client.database(),
                owner == null ? "" : "AND user_id = " + ClickHouseClient.quote(owner.toString()), having, fetch))) {
            String user = r.get("user_id").asText();
            rows.add(new io.synapse.telemetry.analytics.RecentWorkloadView(r.get("workload_id").asText(), user.isEmpty() ? null : java.util.UUID.fromString(user),
                    Instant.ofEpochMilli(r.get("last_ms").asLong()), r.get("n").asLong(), r.get("types").asLong()));
        }
        return rows;
    }

    /** Deletes events older than the cutoff (for releases without TTL): an asynchronous mutation, like TTL's own merges. */
    public void deleteOlderThan(Instant cutoff) {
        schema.ensure();
        String db = client.database();
        client.execute("ALTER TABLE " + db + ".workload_events DELETE WHERE timestamp < toDateTime(" + cutoff.getEpochSecond() + ")");
        client.execute("ALTER TABLE " + db + ".workload_metrics_hourly DELETE WHERE hour < toDateTime(" + cutoff.truncatedTo(ChronoUnit.HOURS).getEpochSecond() + ")");
    }
}
