package io.synapse.knowledge.supply;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An optimisation supply item (seed 004 supply_catalog). The generated search column is the database's alone and not mapped. */
@Entity
@Table(name = "supply_catalog")
public class SupplyItem extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID userId;

    public String name;

    public String category;

    public String provider;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> specifications = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> pricing;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> availability;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> performanceMetrics;

    public boolean isActive = true;

    public Instant createdAt;

    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
