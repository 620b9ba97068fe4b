package io.synapse.runs;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;

/**
 * Seed 002's usage query, extended: runs, tokens, errors, average and p95 latency and cost per
 * day, model, user or API key. One statement: GROUPING SETS yields the groups and the overall row
 * together, so the totals' p95 is a true percentile and not an average of the groups'.
 */
@ApplicationScoped
public class UsageAnalytics {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    @Transactional(Transactional.TxType.SUPPORTS)
    public UsageReport usage(Actor actor, Instant from, Instant to, UsageGrouping groupBy, UUID userId) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalidField("from", "the window may span at most 366 days");
        }
        UsageGrouping grouping = groupBy != null ? groupBy : UsageGrouping.DAY;
        UUID owner = actor.has(Roles.MANAGER) ? userId : actor.userId();
        if (owner == null && !actor.has(Roles.MANAGER)) {
            throw ProblemException.forbidden("Service tokens have no usage of their own");
        }
        String sql = """
                SELECT %1$s AS key, min(%2$s) AS label, count(*) AS runs, coalesce(sum(r.total_tokens), 0) AS tokens,
                       count(*) FILTER (WHERE r.status = 'failed') AS errors, avg(r.latency_ms) AS avg_latency,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY r.latency_ms) AS p95_latency,
                       coalesce(sum(r.cost_estimate), 0) AS cost, grouping(%1$s) AS is_total
                FROM runs r %3$s
                WHERE r.created_at >= :from AND r.created_at < :to %4$s
                GROUP BY GROUPING SETS ((%1$s), ())
                ORDER BY is_total, key
                """.formatted(grouping.keySql, grouping.labelSql, grouping.joinSql,
                owner != null ? "AND r.user_id = :owner" : "");
        Query query = Run.getEntityManager().createNativeQuery(sql).setParameter("from", Timestamp.from(start))
                .setParameter("to", Timestamp.from(end)).setHint("org.hibernate.readOnly", true);
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        if (grouping == UsageGrouping.API_KEY) {
            query.setParameter("all_key_names", actor.isAdmin()).setParameter("caller", actor.userId());
        }
        List<UsageReport.Row> groups = new ArrayList<>();
        UsageReport.Row totals = null;
        for (Object row : query.getResultList()) {
            Object[] c = (Object[]) row;
            boolean total = ((Number) c[8]).intValue() == 1;
            UsageReport.Row r = new UsageReport.Row(total ? null : (String) c[0], total ? null : (String) c[1], number(c[2]), number(c[3]),
                    number(c[4]), decimal(c[5]), decimal(c[6]), c[7] == null ? BigDecimal.ZERO : new BigDecimal(c[7].toString()));
            if (total) {
                totals = r;
            } else {
                groups.add(r);
            }
        }
        if (totals == null) {
            totals = new UsageReport.Row(null, null, 0, 0, 0, null, null, BigDecimal.ZERO);
        }
        return new UsageReport(start, end, grouping, owner, groups, totals);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 100) / 100.0;
    }
}
