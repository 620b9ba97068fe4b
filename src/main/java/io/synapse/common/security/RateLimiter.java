package io.synapse.common.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.value.SetArgs;
import io.synapse.common.redis.RedisGuard;

/**
 * Fixed-window counters in Redis, shared by every replica. If Redis cannot be reached the
 * limiter keeps counting in this JVM only (one warning in the log) rather than failing logins.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    RedisGuard redis;

    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

    /** Counts one hit on the bucket; answers 0 when allowed, else the seconds until the window resets. */
    public long hit(String bucket, int limit, Duration window) {
        String key = "synapse:rl:" + Secrets.sha256Hex(bucket);
        return redis.call(r -> {
            // SET NX EX first, then INCR: both atomic, and the key can never live without a TTL.
            r.value(Long.class).set(key, 0L, new SetArgs().nx().ex(window));
            long count = r.value(Long.class).incr(key);
            if (count <= limit) {
                return 0L;
            }
            long ttl = r.key().ttl(key);
            return ttl > 0 ? ttl : window.toSeconds();
        }).orElseGet(() -> local.compute(key, (k, w) -> w == null || w.expired() ? new LocalWindow(window) : w).hit(limit));
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
