package io.synapse.common.redis;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.synapse.common.config.SynapseConfig;

/**
 * Every Redis call goes through here. Redis only ever makes things faster or shared across
 * replicas (rate limits, revocations, cached analytics): each caller has a fallback. So a Redis
 * that fails or stalls must cost milliseconds, not seconds: a call waits at most
 * quarkus.redis.timeout, and after a failure Redis is not asked again for synapse.redis.cooldown
 * (callers get their fallback at once), then one call tries again.
 */
@ApplicationScoped
public class RedisGuard {

    private static final Logger LOG = Logger.getLogger(RedisGuard.class);

    @Inject
    RedisDataSource redis;

    @Inject
    SynapseConfig config;

    private volatile long skipUntilNanos;
    private volatile boolean down;

    /** The result, or empty when Redis is down or failed this call (then the caller falls back). */
    public <T> Optional<T> call(Function<RedisDataSource, T> work) {
        if (down && System.nanoTime() - skipUntilNanos < 0) {
            return Optional.empty();
        }
        try {
            T result = work.apply(redis);
            if (down) {
                down = false;
                LOG.info("Redis answers again: shared rate limits, revocations and the analytics cache are back");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            skipUntilNanos = System.nanoTime() + config.redis().cooldown().toNanos();
            if (!down) {
                down = true;
                LOG.warnf("Redis failed (%s): falling back (per-instance rate limits, database revocation checks, uncached analytics) "
                        + "and trying again in %s", e.getMessage(), config.redis().cooldown());
            }
            return Optional.empty();
        }
    }

    /** For writes whose result does not matter: true when Redis took it. */
    public boolean run(java.util.function.Consumer<RedisDataSource> work) {
        return call(r -> {
            work.accept(r);
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Whether calls are currently being skipped (for health and tests). */
    public boolean isDown() {
        return down;
    }
}
