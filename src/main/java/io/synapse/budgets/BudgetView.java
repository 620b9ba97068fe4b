package io.synapse.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.synapse.common.security.Role;

public record BudgetView(UUID id, BudgetScope scope, Role role, UUID userId, UUID apiKeyId, UUID issuedTokenId, BudgetPeriod period, Long tokenLimit,
        BigDecimal costLimit, Instant createdAt, Instant updatedAt, UUID updatedBy) {

    public static BudgetView of(Budget b) {
        return new BudgetView(b.id, b.scope, b.role, b.userId, b.apiKeyId, b.issuedTokenId, b.period, b.tokenLimit, b.costLimit, b.createdAt, b.updatedAt,
                b.updatedBy);
    }
}
