package io.synapse.telemetry.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The JSON shape of a setting's value and its Java type: durations are ISO-8601 strings ("P90D"). */
public enum SettingKind {
    DURATION, INTEGER, BOOLEAN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Java value of a JSON value, or IllegalArgumentException with what is wrong. */
    Object decode(JsonNode json, long min, long max) {
        switch (this) {
            case DURATION -> {
                if (!json.isTextual()) {
                    throw new IllegalArgumentException("must be an ISO-8601 duration such as \"P90D\" or \"PT12H\"");
                }
                Duration duration;
                try {
                    duration = Duration.parse(json.textValue());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be an ISO-8601 duration such as \"P90D\" or \"PT12H\"");
                }
                if (duration.getSeconds() < min || duration.getSeconds() > max) {
                    throw new IllegalArgumentException("must be between " + format(Duration.ofSeconds(min)) + " and " + format(Duration.ofSeconds(max)));
                }
                return duration;
            }
            case INTEGER -> {
                if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw new IllegalArgumentException("must be a whole number");
                }
                long value = json.longValue();
                if (value < min || value > max) {
                    throw new IllegalArgumentException("must be between " + min + " and " + max);
                }
                return value;
            }
            default -> {
                if (!json.isBoolean()) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return json.booleanValue();
            }
        }
    }

    JsonNode encode(Object value) {
        return switch (this) {
            case DURATION -> TextNode.valueOf(format((Duration) value));
            case INTEGER -> LongNode.valueOf(((Number) value).longValue());
            case BOOLEAN -> BooleanNode.valueOf((Boolean) value);
        };
    }

    /** Whole days as P90D, anything else as Java writes it (PT12H). */
    public static String format(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && !duration.isZero() ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
