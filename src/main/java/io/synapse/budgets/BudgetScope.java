package io.synapse.budgets;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whom a budget caps: every user of a role (the default), one user (instead of the role's), or one
 * API key or admin-issued token (besides its user's, so it only narrows).
 */
public enum BudgetScope {
    ROLE("role"),
    USER("user"),
    API_KEY("api_key"),
    ISSUED_TOKEN("issued_token");

    private final String value;

    BudgetScope(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static BudgetScope parse(String value) {
        for (BudgetScope s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be role, user, api_key or issued_token");
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<BudgetScope, String> {
        @Override
        public String convertToDatabaseColumn(BudgetScope scope) {
            return scope == null ? null : scope.value;
        }

        @Override
        public BudgetScope convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
