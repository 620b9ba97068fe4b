package io.synapse.telemetry;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One audited event. Append-only: nothing in the code base updates or deletes these rows. */
@Entity
@Table(name = "audit_logs")
public class AuditLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "api_key_id")
    public UUID apiKeyId;

    public String action;

    public String resourceType;

    public String resourceId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> oldValues;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> newValues;

    @JdbcTypeCode(SqlTypes.INET)
    public InetAddress ipAddress;

    public String userAgent;

    public String requestId;

    public Integer responseStatus;

    public boolean success = true;

    public String errorMessage;

    public Instant createdAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    @PrePersist
    void stamp() {
        if (createdAt == null) {
            createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }
}
