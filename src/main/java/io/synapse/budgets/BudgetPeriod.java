package io.synapse.budgets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/** A budget's period: a UTC calendar day or month. */
public enum BudgetPeriod {
    DAY("day"),
    MONTH("month");

    private final String value;

    BudgetPeriod(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static BudgetPeriod parse(String value) {
        for (BudgetPeriod p : values()) {
            if (p.value.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be day or month");
    }

    /** The start of the period holding at. */
    public Instant start(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return (this == DAY ? day : day.withDayOfMonth(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period holding at ends, and the budget is whole again. */
    public Instant end(Instant at) {
        LocalDate first = LocalDate.ofInstant(start(at), ZoneOffset.UTC);
        return (this == DAY ? first.plusDays(1) : first.plusMonths(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<BudgetPeriod, String> {
        @Override
        public String convertToDatabaseColumn(BudgetPeriod period) {
            return period == null ? null : period.value;
        }

        @Override
        public BudgetPeriod convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
