package io.synapse.identity;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One login. Its refresh tokens form one rotation family; ending the session kills them all. */
@Entity
@Table(name = "user_sessions")
public class UserSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public UUID userId;

    public Instant startedAt;

    public Instant lastSeenAt;

    public Instant endedAt;

    public String endReason;

    @JdbcTypeCode(SqlTypes.INET)
    public InetAddress ipAddress;

    public String userAgent;

    public int queriesCount;

    public boolean isActive() {
        return endedAt == null;
    }

    /** Ends the session and revokes every refresh token of its family. */
    public void end(String reason) {
        if (endedAt == null) {
            endedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            endReason = reason;
        }
        RefreshToken.revokeFamily(id);
    }

    /** Ends every open session of a user (password change, suspension), optionally sparing one. */
    public static int endAllOf(UUID userId, UUID except, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID spared = except == null ? new UUID(0, 0) : except;
        RefreshToken.update("revokedAt = ?1 where userId = ?2 and sessionId <> ?3 and revokedAt is null", now, userId, spared);
        return update("endedAt = ?1, endReason = ?2 where userId = ?3 and id <> ?4 and endedAt is null", now, reason, userId, spared);
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        startedAt = now;
        lastSeenAt = now;
    }
}
