package io.synapse.reports;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** A report (seed 000 report): stored as sanitised HTML, with the figures behind a generated one. */
@Entity
@Table(name = "reports")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** html | markdown | template: what it was made from. */
    public String source;

    public String content;

    public String markdown;

    public String template;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> parameters;

    /** The figures as JSON text, read back with exact decimals (see ReportService#figures). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String figures;

    public UUID scheduleId;

    public UUID createdBy;

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

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
