package io.synapse.datasources.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Statements per group (any of day, connection, user, origin) and in total. refused counts the
 * guard's refusals, errors every failure including them. Durations in milliseconds.
 */
public record QueryUsageReport(Instant from, Instant to, List<String> groupBy, List<Row> groups, Row totals, boolean truncated) {

    public record Row(LocalDate day, UUID connectionId, String connectionName, UUID userId, String userEmail, String origin, long statements,
            long errors, long refused, BigDecimal p50DurationMs, BigDecimal p95DurationMs, long rows, long bytes, long totalTokens) {
    }
}
