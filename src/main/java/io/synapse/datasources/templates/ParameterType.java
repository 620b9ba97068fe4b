package io.synapse.datasources.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.synapse.common.input.TimeBounds;

/** The type a template parameter is bound as; a JSON value of another type is refused, never coerced from text. */
public enum ParameterType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP;

    static final int MAX_STRING = 10_000;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ParameterType parse(String value) {
        for (ParameterType type : values()) {
            if (type.value().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("must be one of string, integer, decimal, boolean, date, timestamp");
    }

    /** The value to bind, or IllegalArgumentException saying what was expected. */
    public Object convert(Object json) {
        switch (this) {
            case STRING -> {
                if (json instanceof String s && s.length() <= MAX_STRING) {
                    return s;
                }
                throw new IllegalArgumentException("must be a string of at most " + MAX_STRING + " characters");
            }
            case INTEGER -> {
                if (json instanceof Integer || json instanceof Long) {
                    return ((Number) json).longValue();
                }
                if (json instanceof BigInteger b && b.bitLength() < 64) {
                    return b.longValue();
                }
                throw new IllegalArgumentException("must be a whole number between -2^63 and 2^63-1");
            }
            case DECIMAL -> {
                if (json instanceof Integer || json instanceof Long || json instanceof BigInteger) {
                    return new BigDecimal(json.toString());
                }
                if (json instanceof BigDecimal d && d.precision() <= 1000) {
                    return d;
                }
                if (json instanceof Double d && Double.isFinite(d)) {
                    return BigDecimal.valueOf(d);
                }
                throw new IllegalArgumentException("must be a number");
            }
            case BOOLEAN -> {
                if (json instanceof Boolean) {
                    return json;
                }
                throw new IllegalArgumentException("must be true or false");
            }
            case DATE -> {
                try {
                    LocalDate date = LocalDate.parse((String) json);
                    if (!TimeBounds.holds(date)) {
                        throw new IllegalArgumentException(TimeBounds.OUT_OF_RANGE);
                    }
                    return date;
                } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date (yyyy-mm-dd)");
                }
            }
            default -> {
                try {
                    OffsetDateTime time = OffsetDateTime.parse((String) json);
                    if (!TimeBounds.holds(time.toInstant())) {
                        throw new IllegalArgumentException(TimeBounds.OUT_OF_RANGE);
                    }
                    return time;
                } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
                    throw new IllegalArgumentException("must be an ISO-8601 time with its offset (2026-01-31T12:00:00Z)");
                }
            }
        }
    }
}
