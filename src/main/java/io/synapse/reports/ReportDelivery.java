package io.synapse.reports;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One report to one user through one channel (seed 000 delivered_to), with what became of it. */
@Entity
@Table(name = "report_deliveries")
public class ReportDelivery extends PanacheEntityBase {

    public static final String EMAIL = "email";
    public static final String IN_APP = "in_app";

    @Id
    public UUID id;

    public UUID reportId;

    public UUID userId;

    public String channel;

    /** pending | sent | failed | skipped */
    public String status;

    public int attempts;

    public Instant nextAttemptAt;

    public String lastError;

    public Instant sentAt;

    public Instant readAt;

    public UUID deliveredBy;

    public Instant createdAt;
}
