package io.synapse.telemetry.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;

/** recent_workloads and user_activity, keyset-paged on their natural keys (a user's own rows unless the caller is a manager). */
@ApplicationScoped
public class ActivityQueries {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.synapse.telemetry.TelemetryConfig config;

    @Inject
    io.synapse.telemetry.clickhouse.ClickHouseWorkloads clickhouse;

    static UUID owner(Actor actor, UUID requested) {
        if (actor.has(Roles.MANAGER)) {
            return requested;
        }
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens have no activity of their own");
        }
        return actor.userId();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RecentWorkloadView> recentWorkloads(Actor actor, UUID userId, PageRequest page) {
        UUID owner = owner(actor, userId);
        String[] after = page.cursor() == null ? null : Cursor.parts(page.cursor(), 3);
        java.time.Instant afterTime = after == null ? null : parseInstant(after[0]);
        if (config.store() == io.synapse.telemetry.TelemetryConfig.Store.CLICKHOUSE) {
            return Page.of(clickhouse.recent(owner, afterTime, after == null ? null : after[1], after == null ? null : after[2], page.fetchSize()),
                    page.limit(), ActivityQueries::cursorOf, r -> r);
        }
        String sql = """
                SELECT workload_id, user_id, last_seen, event_count, unique_event_types FROM recent_workloads
                WHERE true %s %s
                ORDER BY last_seen DESC, workload_id DESC, coalesce(user_id::text, '') DESC LIMIT ?""".formatted(
                owner != null ? "AND user_id = ?" : "",
                after != null ? "AND (last_seen, workload_id, coalesce(user_id::text, '')) < (?, ?, ?)" : "");
        List<RecentWorkloadView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (owner != null) {
                ps.setObject(i++, owner);
            }
            if (after != null) {
                ps.setTimestamp(i++, java.sql.Timestamp.from(afterTime));
                ps.setString(i++, after[1]);
                ps.setString(i++, after[2]);
            }
            ps.setInt(i, page.fetchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RecentWorkloadView(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return Page.of(rows, page.limit(), ActivityQueries::cursorOf, r -> r);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserActivityView> userActivity(Actor actor, UUID userId, String action, LocalDate from, LocalDate to, PageRequest page) {
        UUID owner = owner(actor, userId);
        LocalDate end = to != null ? to : LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        LocalDate start = from != null ? from : end.minusDays(30);
        if (start.isBefore(io.synapse.common.input.TimeBounds.MIN_DATE)) {
            start = io.synapse.common.input.TimeBounds.MIN_DATE;
        }
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        String[] after = page.cursor() == null ? null : Cursor.parts(page.cursor(), 3);
        LocalDate afterDate = after == null ? null : parseDate(after[0]);
        String sql = """
                SELECT date, user_id, action, count, total_duration_ms FROM user_activity
                WHERE date >= ? AND date < ? %s %s %s
                ORDER BY date DESC, coalesce(user_id::text, '') DESC, action DESC LIMIT ?""".formatted(
                owner != null ? "AND user_id = ?" : "", action != null ? "AND action = ?" : "",
                after != null ? "AND (date, coalesce(user_id::text, ''), action) < (?, ?, ?)" : "");
        List<UserActivityView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, start);
            ps.setObject(i++, end);
            if (owner != null) {
                ps.setObject(i++, owner);
            }
            if (action != null) {
                ps.setString(i++, action);
            }
            if (after != null) {
                ps.setObject(i++, afterDate);
                ps.setString(i++, after[1]);
                ps.setString(i++, after[2]);
            }
            ps.setInt(i, page.fetchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new UserActivityView(rs.getObject(1, LocalDate.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return Page.of(rows, page.limit(), r -> Cursor.ofParts(r.date().toString(), r.userId() == null ? "" : r.userId().toString(), r.action()),
                r -> r);
    }

    private static String cursorOf(RecentWorkloadView r) {
        return Cursor.ofParts(r.lastSeen().toString(), r.workloadId(), r.userId() == null ? "" : r.userId().toString());
    }

    private static java.time.Instant parseInstant(String text) {
        try {
            java.time.Instant time = java.time.Instant.parse(text);
            if (io.synapse.common.input.TimeBounds.holds(time)) {
                return time;
            }
        } catch (RuntimeException e) {
            // falls through
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }

    private static LocalDate parseDate(String text) {
        try {
            LocalDate date = LocalDate.parse(text);
            if (io.synapse.common.input.TimeBounds.holds(date)) {
                return date;
            }
        } catch (RuntimeException e) {
            // falls through
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }
}
