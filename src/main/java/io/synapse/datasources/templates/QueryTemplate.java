package io.synapse.datasources.templates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synapse.datasources.DatabaseConnection;

/** Named, parameterised SQL for one connection (seed 003 query_templates). */
@Entity
@Table(name = "query_templates")
public class QueryTemplate extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID userId;

    public UUID connectionId;

    public String name;

    public String description;

    public String questionTemplate;

    public String sqlTemplate;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TemplateParameter> parameters = new ArrayList<>();

    public String category;

    public String sharedWithRole;

    public boolean isVerified;

    public long usageCount;

    public Instant lastUsedAt;

    public Instant createdAt;

    public Instant updatedAt;

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = DatabaseConnection.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = DatabaseConnection.now();
    }
}
