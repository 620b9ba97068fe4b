package io.synapse.business.analytics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.value.SetArgs;
import io.synapse.common.redis.RedisGuard;

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
    RedisGuard redis;

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

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) BusinessDataChanged change) {
        invalidate();
    }

    /** Called after an import commits; a failure only means cached figures live until their TTL. */
    public void invalidate() {
        // Not skipped during a cooldown: a lost bump would serve figures from before the change for hours.
        if (redis.callNow(r -> r.value(Long.class).incr(VERSION_KEY)).isEmpty()) {
            LOG.warnf("Could not invalidate cached analytics (Redis down); they expire within %s", TTL);
        }
    }

    private Optional<String> version() {
        return redis.call(r -> {
            String v = r.value(String.class).get(VERSION_KEY);
            return v == null ? "0" : v;
        });
    }
}
