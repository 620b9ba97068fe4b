package io.synapse.common.redis;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.synapse.common.config.SynapseConfig;

/**
 * Every Redis call goes through here. Redis only ever makes things faster or shared across
 * replicas (rate limits, settings notices, cached analytics): each caller has a fallback. So a Redis
 * that fails or stalls must cost milliseconds, not seconds: a call waits at most
 * quarkus.redis.timeout, and after a failure Redis is skipped for synapse.redis.cooldown (callers
 * get their fallback at once); then a single caller probes it while the others keep skipping.
 */
@ApplicationScoped
public class RedisGuard {

    private static final Logger LOG = Logger.getLogger(RedisGuard.class);

    @Inject
    RedisDataSource redis;

    @Inject
    SynapseConfig config;

    private volatile boolean down;
    /** While down: the System.nanoTime() after which one caller may probe again. */
    private final AtomicLong nextProbe = new AtomicLong();

    /** The result, or empty when Redis is down or failed this call (then the caller falls back). */
    public <T> Optional<T> call(Function<RedisDataSource, T> work) {
        if (down) {
            long next = nextProbe.get();
            long now = System.nanoTime();
            // Still cooling down, or another caller won this round's probe: skip Redis.
            if (now - next < 0 || !nextProbe.compareAndSet(next, now + config.redis().cooldown().toNanos())) {
                return Optional.empty();
            }
        }
        return attempt(work);
    }

    /**
     * Asks Redis even during a cooldown, for the few writes that must not be skipped while Redis may
     * well be back (the analytics data version after an import or a rename).
     */
    public <T> Optional<T> callNow(Function<RedisDataSource, T> work) {
        return attempt(work);
    }

    /** For writes whose result does not matter: true when Redis took it. */
    public boolean run(Consumer<RedisDataSource> work) {
        return call(r -> {
            work.accept(r);
            return Boolean.TRUE;
        }).isPresent();
    }

    private <T> Optional<T> attempt(Function<RedisDataSource, T> work) {
        try {
            T result = work.apply(redis);
            if (down) {
                down = false;
                LOG.info("Redis answers again: shared rate limits and the analytics cache are back");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            nextProbe.set(System.nanoTime() + config.redis().cooldown().toNanos());
            if (!down) {
                down = true;
                LOG.warnf("Redis failed (%s): falling back (per-instance rate limits, uncached analytics) "
                        + "and trying again in %s", e.getMessage(), config.redis().cooldown());
            }
            return Optional.empty();
        }
    }
}
