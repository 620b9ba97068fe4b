package io.synapse.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Usage over [from, to): one row per group plus the totals over all of them. */
public record UsageReport(Instant from, Instant to, UsageGrouping groupBy, UUID userId, List<Row> groups, Row totals) {

    /** errors counts failed runs; latencies are over runs that reported one; cost sums cost_estimate. */
    public record Row(String key, String label, long runs, long tokens, long errors, Double avgLatencyMs, Double p95LatencyMs,
            BigDecimal cost) {
    }
}
