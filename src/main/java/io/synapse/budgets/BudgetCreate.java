package io.synapse.budgets;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.synapse.common.security.Role;

/** A new budget: exactly one of role, user_id, api_key_id or issued_token_id, as the scope says; at least one limit. */
public record BudgetCreate(@NotNull BudgetScope scope, Role role, UUID userId, UUID apiKeyId, UUID issuedTokenId, @NotNull BudgetPeriod period,
        @PositiveOrZero @Max(BudgetService.MAX_TOKENS) Long tokenLimit,
        @PositiveOrZero @DecimalMax(BudgetService.MAX_COST) @Digits(integer = 8, fraction = 6) BigDecimal costLimit) {
}
