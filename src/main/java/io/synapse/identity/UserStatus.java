package io.synapse.identity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

public enum UserStatus {
    ACTIVE, SUSPENDED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UserStatus parse(String value) {
        for (UserStatus status : values()) {
            if (status.value().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + value + "'; expected active or suspended");
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<UserStatus, String> {
        @Override
        public String convertToDatabaseColumn(UserStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public UserStatus convertToEntityAttribute(String value) {
            return value == null ? null : parse(value);
        }
    }
}
