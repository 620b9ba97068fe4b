package io.synapse.telemetry.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Workload figures over [from, to): one row per group, plus the totals. sources says how much came
 * from hourly rollups and how much was read raw (the current hour, partial hours at the edges, and
 * hours whose rollup is being recomputed after new or late events). truncated: more groups than
 * MAX_GROUPS existed and only the busiest are listed.
 */
public record WorkloadReport(Instant from, Instant to, WorkloadGrouping groupBy, UUID userId, List<Row> groups, boolean truncated, Row totals,
        Sources sources) {

    /** Models and workload types are the clients' own words: past this many groups only the busiest are listed (totals cover all). */
    public static final int MAX_GROUPS = 1000;

    /** The report, its groups cut to the MAX_GROUPS with the most events when there are more (in key order still). */
    public static WorkloadReport of(Instant from, Instant to, WorkloadGrouping groupBy, UUID userId, List<Row> groups, Row totals, Sources sources) {
        if (groups.size() <= MAX_GROUPS) {
            return new WorkloadReport(from, to, groupBy, userId, groups, false, totals, sources);
        }
        List<Row> busiest = groups.stream().sorted(java.util.Comparator.comparingLong(Row::events).reversed()).limit(MAX_GROUPS)
                .sorted(java.util.Comparator.comparing(Row::key)).toList();
        return new WorkloadReport(from, to, groupBy, userId, busiest, true, totals, sources);
    }

    /** error_rate = errors / events; cost sums the events' cost. */
    public record Row(String key, String label, long events, long errors, Double errorRate, long promptTokens, long completionTokens,
            long totalTokens, BigDecimal cost, Latency latency) {
    }

    /**
     * Over events that reported a latency. Percentiles are read from a histogram with 8 buckets per
     * doubling: each is the upper bound of the bucket holding that percentile (at most 9 % above the
     * exact value), never more than max_ms.
     */
    public record Latency(long count, Double avgMs, Integer minMs, Integer maxMs, Integer p50Ms, Integer p95Ms, Integer p99Ms) {
    }

    /** Whole hours from rollups, whole hours read raw (queued for a rollup), and partial hours at the edges (0 to 2), read raw. */
    public record Sources(int rollupHours, int rawHours, int partialHours) {
    }
}
