package io.synapse.datasources.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;

/**
 * Query analytics for managers: one statement with GROUPING SETS gives the groups and the total
 * together, so the total's percentiles are true percentiles and not averages of the groups'.
 */
@ApplicationScoped
public class QueryUsage {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    static final int MAX_GROUPS = 5000;

    private static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("day", "(q.created_at AT TIME ZONE 'UTC')::date");
        DIMENSIONS.put("connection", "q.connection_id");
        DIMENSIONS.put("user", "q.user_id");
        DIMENSIONS.put("origin", "q.origin");
    }

    public static List<String> parseGroupBy(String value) {
        if (value == null || value.isBlank()) {
            return List.copyOf(DIMENSIONS.keySet());
        }
        List<String> chosen = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (!DIMENSIONS.containsKey(p)) {
                throw ProblemException.invalidField("group_by", "must be a comma-separated list of day, connection, user, origin");
            }
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public QueryUsageReport report(Instant from, Instant to, List<String> groupBy, UUID connectionId, UUID userId, String origin) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalidField("from", "the window may span at most 366 days");
        }
        List<String> keys = groupBy.stream().map(DIMENSIONS::get).toList();
        String select = String.join(", ", DIMENSIONS.entrySet().stream()
                .map(e -> groupBy.contains(e.getKey()) ? e.getValue() + " AS " + e.getKey() : "NULL AS " + e.getKey()).toList());
        String sql = """
                SELECT %1$s, min(c.name) AS connection_name, min(u.email) AS user_email,
                       count(*) AS statements, count(*) FILTER (WHERE NOT q.success) AS errors,
                       count(*) FILTER (WHERE q.error_class LIKE 'refused:%%') AS refused,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY q.duration_ms) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY q.duration_ms) AS p95,
                       coalesce(sum(q.row_count), 0) AS row_total, coalesce(sum(q.bytes), 0) AS bytes, coalesce(sum(q.total_tokens), 0) AS tokens,
                       %2$s AS is_total
                  FROM query_analytics q
                  LEFT JOIN database_connections c ON c.id = q.connection_id
                  LEFT JOIN users u ON u.id = q.user_id
                 WHERE q.created_at >= :from AND q.created_at < :to %3$s
                 GROUP BY GROUPING SETS ((%4$s), ())
                 ORDER BY is_total DESC, 1 DESC NULLS LAST, 2, 3, 4
                 LIMIT %5$d
                """.formatted(select, "grouping(" + String.join(", ", keys) + ") <> 0",
                (connectionId != null ? " AND q.connection_id = :connection" : "") + (userId != null ? " AND q.user_id = :user" : "")
                        + (origin != null ? " AND q.origin = :origin" : ""),
                String.join(", ", keys), MAX_GROUPS + 2);
        Query query = QueryAnalytics.getEntityManager().createNativeQuery(sql).setParameter("from", Timestamp.from(start))
                .setParameter("to", Timestamp.from(end)).setHint("org.hibernate.readOnly", true);
        if (connectionId != null) {
            query.setParameter("connection", connectionId);
        }
        if (userId != null) {
            query.setParameter("user", userId);
        }
        if (origin != null) {
            query.setParameter("origin", origin);
        }
        List<QueryUsageReport.Row> groups = new ArrayList<>();
        QueryUsageReport.Row totals = null;
        for (Object result : query.getResultList()) {
            Object[] c = (Object[]) result;
            boolean total = Boolean.TRUE.equals(c[14]);
            QueryUsageReport.Row row = new QueryUsageReport.Row(c[0] == null ? null : ((Date) c[0]).toLocalDate(), (UUID) c[1],
                    total ? null : (String) c[4], (UUID) c[2], total ? null : (String) c[5], (String) c[3], number(c[6]), number(c[7]), number(c[8]),
                    decimal(c[9]), decimal(c[10]), number(c[11]), number(c[12]), number(c[13]));
            if (total) {
                totals = row;
            } else {
                groups.add(row);
            }
        }
        boolean truncated = groups.size() > MAX_GROUPS;
        if (totals == null) {
            totals = new QueryUsageReport.Row(null, null, null, null, null, null, 0, 0, 0, null, null, 0, 0, 0);
        }
        return new QueryUsageReport(start, end, groupBy, truncated ? groups.subList(0, MAX_GROUPS) : groups, totals, truncated);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(1, RoundingMode.HALF_UP);
    }
}
