package io.synapse.budgets;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/** New limits for a budget (PUT): both are replaced; null lifts that limit, but not both. */
public record BudgetLimits(@PositiveOrZero @Max(BudgetService.MAX_TOKENS) Long tokenLimit,
        @PositiveOrZero @DecimalMax(BudgetService.MAX_COST) @Digits(integer = 8, fraction = 6) BigDecimal costLimit) {
}
