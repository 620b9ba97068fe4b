package io.synapse.reports;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A template generated and delivered on a cron expression; next_run_at is the claim the replicas race for. */
@Entity
@Table(name = "report_schedules")
public class ReportSchedule extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String template;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> parameters = new HashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "uuid[]")
    public UUID[] recipientUserIds = new UUID[0];

    public String recipientRole;

    public String cron;

    public boolean enabled = true;

    public Instant nextRunAt;

    public Instant lastRunAt;

    public UUID lastReportId;

    public String lastError;

    public UUID createdBy;

    public Instant createdAt;

    public Instant updatedAt;

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = Report.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Report.now();
    }
}
