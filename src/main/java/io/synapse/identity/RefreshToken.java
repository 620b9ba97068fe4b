package io.synapse.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An opaque refresh token, stored only as its SHA-256. The family is the session. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "session_id")
    public UUID sessionId;

    public String tokenHash;

    public UUID replacedBy;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> deviceInfo = new HashMap<>();

    public Instant createdAt;

    public Instant expiresAt;

    public Instant revokedAt;

    /** Locked so that two concurrent refreshes with one token cannot both rotate it. */
    public static Optional<RefreshToken> findByHashForUpdate(String hash) {
        return find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static void revokeFamily(UUID sessionId) {
        update("revokedAt = ?1 where sessionId = ?2 and revokedAt is null", Instant.now().truncatedTo(ChronoUnit.MICROS), sessionId);
    }

    /** Already exchanged for a newer token, or revoked: presenting it again means it leaked. */
    public boolean isSpent() {
        return replacedBy != null || revokedAt != null;
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
