package io.synapse.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.synapse.common.redis.RedisGuard;

/**
 * Revoked token ids, kept in Redis until the token would have expired anyway, so every replica
 * (and any other service sharing Redis) can reject them without a database trip. It is a fast
 * "no", never a "yes": the database row stays the source of truth.
 */
@ApplicationScoped
public class RevocationList {

    private static final Logger LOG = Logger.getLogger(RevocationList.class);

    @Inject
    RedisGuard redis;

    public void revoke(String jti, Instant expiresAt) {
        long seconds = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds() + 60);
        if (!redis.run(r -> r.value(String.class).setex(key(jti), seconds, "1"))) {
            LOG.warnf("Redis unreachable while revoking %s; the database check still rejects it", jti);
        }
    }

    /** true/false when Redis answered; empty when it could not, so the caller asks the database. */
    public Optional<Boolean> isRevoked(String jti) {
        return redis.call(r -> r.key().exists(key(jti)));
    }

    private static String key(String jti) {
        return "synapse:revoked:" + jti;
    }
}
