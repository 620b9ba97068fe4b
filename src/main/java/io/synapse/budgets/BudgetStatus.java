package io.synapse.budgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One budget that applies to the caller, with what the current period has spent and when it resets. */
public record BudgetStatus(UUID budgetId, BudgetScope scope, BudgetPeriod period, Long tokenLimit, long tokensUsed, BigDecimal costLimit,
        BigDecimal costUsed, Instant periodStart, Instant resetsAt) {
}
