package io.synapse.chat;

import java.util.Arrays;
import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A conversation's life: deleted ones are hidden from everyone but an admin's purge. */
public enum ConversationStatus {
    ACTIVE, ARCHIVED, DELETED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConversationStatus parse(String value) {
        for (ConversationStatus candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected one of " + Arrays.stream(values()).map(ConversationStatus::value).toList());
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<ConversationStatus, String> {
        @Override
        public String convertToDatabaseColumn(ConversationStatus value) {
            return value == null ? null : value.value();
        }

        @Override
        public ConversationStatus convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
