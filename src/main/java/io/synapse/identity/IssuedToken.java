package io.synapse.identity;

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

/** Record of a role-scoped JWT an admin issued, for a user or a named service. The token itself is not kept. */
@Entity
@Table(name = "issued_tokens")
public class IssuedToken extends PanacheEntityBase {

    @Id
    public UUID jti;

    @Column(name = "user_id")
    public UUID userId;

    public String serviceName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] roles;

    public String description;

    public UUID issuedBy;

    public Instant issuedAt;

    public Instant expiresAt;

    public Instant revokedAt;

    public UUID revokedBy;

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    @PrePersist
    void onCreate() {
        if (issuedAt == null) {
            issuedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }
}
