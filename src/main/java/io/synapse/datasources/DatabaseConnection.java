package io.synapse.datasources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registered database (seed 003 database_connections). The password is only ever stored sealed. */
@Entity
@Table(name = "database_connections")
public class DatabaseConnection extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID userId;

    public String name;

    public String description;

    @Convert(converter = EngineConverter.class)
    public Engine engine;

    public String host;

    public int port;

    public String databaseName;

    public String username;

    public byte[] passwordCiphertext;

    public String passwordKeyId;

    public String sslMode;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> schemaFilter = new ArrayList<>();

    public String sharedWithRole;

    public boolean allowWritableLogin;

    public String status;

    public String serverVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> writePrivileges = new ArrayList<>();

    public Instant lastCheckedAt;

    public String lastError;

    public Instant schemaRefreshedAt;

    public Instant createdAt;

    public Instant updatedAt;

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = now();
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The schemas a statement may name: the filter, or, with none, any on PostgreSQL (one database
     * per connection) and only the connection's own database on MariaDB/MySQL (where a schema is a
     * database, and the login may read others).
     */
    public List<String> allowedSchemas() {
        return !schemaFilter.isEmpty() || engine == Engine.POSTGRESQL ? schemaFilter : List.of(databaseName);
    }

    /** What a pool built for this row depends on: a change to any of it replaces the pool. */
    public String poolFingerprint() {
        return engine + "|" + host + "|" + port + "|" + databaseName + "|" + username + "|" + passwordKeyId + "|" + java.util.Arrays.hashCode(passwordCiphertext)
                + "|" + sslMode;
    }
}
