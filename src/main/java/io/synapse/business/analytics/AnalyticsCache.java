package io.synapse.business.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.value.SetArgs;
import io.synapse.common.redis.RedisGuard;

/**
 * Analytics results in Redis, shared by every replica. Every key carries the business data
 * version, a counter in PostgreSQL that each change bumps in its own transaction
 * ({@link #bump()}): a change and the end of the figures cached before it commit together, for
 * every replica, even if Redis was down or lost writes meanwhile. Stale entries simply expire.
 * Without Redis everything is computed directly.
 */
@ApplicationScoped
public class AnalyticsCache {

    private static final Logger LOG = Logger.getLogger(AnalyticsCache.class);
    private static final Duration TTL = Duration.ofHours(6);

    @Inject
    RedisGuard redis;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    /** A cached table and whether it came from the cache. */
    public record Hit(FigureTable table, boolean cached) {
    }

    public Hit get(String key, Supplier<FigureTable> compute) {
        String fullKey = "synapse:business:v" + version() + ":" + key;
        Optional<String> json = redis.call(r -> r.value(String.class).get(fullKey));
        if (json.isPresent()) {
            try {
                return new Hit(mapper.readerFor(FigureTable.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(json.get()), true);
            } catch (JsonProcessingException e) {
                LOG.debugf("Analytics cache entry unreadable, recomputing: %s", e.getMessage());
            }
        }
        FigureTable table = compute.get();
        try {
            String value = mapper.writeValueAsString(table);
            redis.run(r -> r.value(String.class).set(fullKey, value, new SetArgs().ex(TTL)));
        } catch (JsonProcessingException e) {
            LOG.debugf("Analytics cache write failed: %s", e.getMessage());
        }
        return new Hit(table, false);
    }

    /** Called inside the transaction of every change an analysis can show (imports, client renames). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump() {
        em.createNativeQuery("UPDATE business_data_version SET version = version + 1, changed_at = clock_timestamp() WHERE id = 1")
                .executeUpdate();
    }

    /** e.g. "42-1764426000123456": the counter and the microsecond of the last change. */
    private String version() {
        Object[] row = (Object[]) em.createNativeQuery(
                "SELECT version, (extract(epoch FROM changed_at) * 1000000)::bigint FROM business_data_version WHERE id = 1").getSingleResult();
        return ((Number) row[0]).longValue() + "-" + ((Number) row[1]).longValue();
    }
}
