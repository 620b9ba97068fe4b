package io.synapse.common.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    /**
     * One round trip: the script counts, starts the window on the first hit and reads what is left of
     * it only when the limit is passed; Redis runs it atomically, so every replica shares one exact
     * count. (Before: SET NX EX, then INCR, then TTL on a refusal, each a round trip of its own.) A key
     * found without an expiry gets one, so no counter can outlive its window.
     */
    static final String SCRIPT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            if count <= tonumber(ARGV[2]) then return 0 end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return ttl""";

    /** Counts one hit on the bucket; answers 0 when allowed, else the seconds until the window resets. */
    public long hit(String bucket, int limit, Duration window) {
        String key = "synapse:rl:" + Secrets.sha256Hex(bucket);
        return redis.call(r -> {
            long waitMillis = r.execute("EVAL", SCRIPT, "1", key, Long.toString(window.toMillis()), Integer.toString(limit)).toLong();
            return waitMillis <= 0 ? 0L : Math.max(1, (waitMillis + 999) / 1000);
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
