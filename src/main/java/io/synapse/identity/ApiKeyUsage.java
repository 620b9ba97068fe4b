package io.synapse.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * API-key usage (usage_count, last_used_at), counted in memory and written in one statement per
 * flush. Writing it on every request made every request with one key queue on that key's row lock
 * and wait for a commit's disk flush. Each replica adds only what it counted since its last flush,
 * so the figures from all replicas add up; they lag by at most synapse.auth.api-key-usage-flush
 * (5 s). A replica that dies loses at most that interval's counts; a shutdown flushes.
 */
@ApplicationScoped
public class ApiKeyUsage {

    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);

    private static final String FLUSH = """
            UPDATE api_keys k SET usage_count = k.usage_count + d.n,
                last_used_at = greatest(k.last_used_at, timestamptz 'epoch' + d.micros * interval '1 microsecond')
            FROM unnest(?::uuid[], ?::bigint[], ?::bigint[]) AS d(id, n, micros) WHERE k.id = d.id""";

    /** Counts since the last flush. Every change happens inside the map's per-key lock, so none is lost to a flush. */
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(long count, Instant lastUsedAt) {
        Pending plus(Pending other) {
            return new Pending(count + other.count, lastUsedAt.isAfter(other.lastUsedAt) ? lastUsedAt : other.lastUsedAt);
        }
    }

    @Inject
    AgroalDataSource dataSource;

    public void used(UUID keyId) {
        Pending hit = new Pending(1, Instant.now());
        pending.merge(keyId, hit, Pending::plus);
    }

    /**
     * Writes what was counted. Keys are updated in id order, so flushes from several replicas (or a
     * user's deletion cascading over their keys) cannot deadlock. If the statement fails before it
     * reaches the database the counts go back for the next flush; once sent, a failure may have
     * committed, so they are dropped (logged) rather than risk counting them twice.
     */
    @Scheduled(identity = "api-key-usage", every = "${synapse.auth.api-key-usage-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        Map<UUID, Pending> taken = new TreeMap<>();
        for (UUID id : List.copyOf(pending.keySet())) {
            Pending counted = pending.remove(id);
            if (counted != null) {
                taken.put(id, counted);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        boolean sent = false;
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(FLUSH)) {
            update.setArray(1, connection.createArrayOf("uuid", taken.keySet().toArray()));
            update.setArray(2, connection.createArrayOf("bigint", taken.values().stream().map(Pending::count).toArray()));
            update.setArray(3, connection.createArrayOf("bigint", taken.values().stream().map(p -> micros(p.lastUsedAt())).toArray()));
            sent = true;
            update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            if (sent) {
                LOG.warnf("API-key usage of %d keys may not have been written (%s); dropped rather than risk counting it twice",
                        taken.size(), e.getMessage());
            } else {
                taken.forEach((id, counted) -> pending.merge(id, counted, Pending::plus));
                LOG.warnf("API-key usage not written (%s); kept for the next flush", e.getMessage());
            }
        }
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** Before the datasource closes. */
    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
