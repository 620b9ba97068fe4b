package io.synapse.chat;

import java.util.Arrays;
import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user's verdict on an assistant message. */
public enum Rating {
    THUMBS_UP, THUMBS_DOWN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Rating parse(String value) {
        for (Rating candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected one of " + Arrays.stream(values()).map(Rating::value).toList());
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Rating, String> {
        @Override
        public String convertToDatabaseColumn(Rating value) {
            return value == null ? null : value.value();
        }

        @Override
        public Rating convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
