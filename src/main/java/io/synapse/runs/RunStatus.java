package io.synapse.runs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A run's life: pending -> processing -> completed | failed, and pending | processing -> cancelled. Nothing else. */
public enum RunStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RunStatus parse(String value) {
        for (RunStatus candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected one of " + Arrays.stream(values()).map(RunStatus::value).toList());
    }

    public Set<RunStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PROCESSING, CANCELLED);
            case PROCESSING -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(RunStatus.class);
        };
    }

    public boolean canBecome(RunStatus target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<RunStatus, String> {
        @Override
        public String convertToDatabaseColumn(RunStatus value) {
            return value == null ? null : value.value();
        }

        @Override
        public RunStatus convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
