package io.synapse.common.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * Fixed-window counters in Redis, shared by every replica. If Redis cannot be reached the
 * limiter keeps counting in this JVM only (one warning in the log) rather than failing logins.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    @Inject
    RedisDataSource redis;

    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** Counts one hit on the bucket; answers 0 when allowed, else the seconds until the window resets. */
    public long hit(String bucket, int limit, Duration window) {
        String key = "synapse:rl:" + Secrets.sha256Hex(bucket);
        try {
            // SET NX EX first, then INCR: both atomic, and the key can never live without a TTL.
            redis.value(Long.class).set(key, 0L, new SetArgs().nx().ex(window));
            long count = redis.value(Long.class).incr(key);
            if (count <= limit) {
                return 0;
            }
            long ttl = redis.key().ttl(key);
            return ttl > 0 ? ttl : window.toSeconds();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warnf("Redis unreachable (%s): rate limits now count per instance only", e.getMessage());
            }
            return local.compute(key, (k, w) -> w == null || w.expired() ? new LocalWindow(window) : w).hit(limit);
        }
    }

    private static final class LocalWindow {
        private final long resetAt;
        private int count;

        LocalWindow(Duration window) {
            this.resetAt = System.nanoTime() + window.toNanos();
        }

        boolean expired() {
            return System.nanoTime() >= resetAt;
        }

        synchronized long hit(int limit) {
            count++;
            return count <= limit ? 0 : Math.max(1, Duration.ofNanos(resetAt - System.nanoTime()).toSeconds());
        }
    }
}
