package io.synapse.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synapse.common.security.Role;

/** A cap on tokens and/or cost per UTC day or month, for a role, a user or an API key (README: Budgets). */
@Entity
@Table(name = "budgets")
public class Budget extends PanacheEntityBase {

    @Id
    public UUID id;

    public BudgetScope scope;

    public Role role;

    public UUID userId;

    public UUID apiKeyId;

    public UUID issuedTokenId;

    public BudgetPeriod period;

    public Long tokenLimit;

    public BigDecimal costLimit;

    public Instant createdAt;

    public Instant updatedAt;

    public UUID updatedBy;

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
