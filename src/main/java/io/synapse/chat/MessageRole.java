package io.synapse.chat;

import java.util.Arrays;
import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who wrote a message; only assistant and tool messages carry model output fields. */
public enum MessageRole {
    USER, ASSISTANT, SYSTEM, TOOL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MessageRole parse(String value) {
        for (MessageRole candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected one of " + Arrays.stream(values()).map(MessageRole::value).toList());
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<MessageRole, String> {
        @Override
        public String convertToDatabaseColumn(MessageRole value) {
            return value == null ? null : value.value();
        }

        @Override
        public MessageRole convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
