package io.synapse.telemetry.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Workload figures over [from, to): one row per group, plus the totals. sources says how much came
 * from hourly rollups and how much was read raw (the current hour, partial hours at the edges, and
 * hours whose rollup is being recomputed after new or late events).
 */
public record WorkloadReport(Instant from, Instant to, WorkloadGrouping groupBy, UUID userId, List<Row> groups, Row totals, Sources sources) {

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

    public record Sources(int rollupHours, int rawRanges) {
    }
}
