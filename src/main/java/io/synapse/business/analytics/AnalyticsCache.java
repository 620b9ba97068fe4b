package io.synapse.business.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * Analytics results in Redis, shared by every replica. Every key carries the data version, a
 * counter each import bumps after it commits: invalidation is one INCR, atomic for all replicas,
 * and stale entries simply expire. Without Redis everything is computed directly.
 */
@ApplicationScoped
public class AnalyticsCache {

    private static final Logger LOG = Logger.getLogger(AnalyticsCache.class);
    static final String VERSION_KEY = "synapse:business:data-version";
    private static final Duration TTL = Duration.ofHours(6);

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    /** A cached table and whether it came from the cache. */
    public record Hit(FigureTable table, boolean cached) {
    }

    public Hit get(String key, Supplier<FigureTable> compute) {
        Optional<String> version = version();
        if (version.isEmpty()) {
            return new Hit(compute.get(), false);
        }
        String fullKey = "synapse:business:v" + version.get() + ":" + key;
        try {
            String json = redis.value(String.class).get(fullKey);
            if (json != null) {
                return new Hit(mapper.readerFor(FigureTable.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(json), true);
            }
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.debugf("Analytics cache read failed: %s", e.getMessage());
        }
        FigureTable table = compute.get();
        try {
            redis.value(String.class).set(fullKey, mapper.writeValueAsString(table), new SetArgs().ex(TTL));
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.debugf("Analytics cache write failed: %s", e.getMessage());
        }
        return new Hit(table, false);
    }

    /** Called after an import commits; a failure only means cached figures live until their TTL. */
    public void invalidate() {
        try {
            redis.value(Long.class).incr(VERSION_KEY);
        } catch (RuntimeException e) {
            LOG.warnf("Could not invalidate cached analytics (Redis: %s); they expire within %s", e.getMessage(), TTL);
        }
    }

    private Optional<String> version() {
        try {
            String v = redis.value(String.class).get(VERSION_KEY);
            return Optional.of(v == null ? "0" : v);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
