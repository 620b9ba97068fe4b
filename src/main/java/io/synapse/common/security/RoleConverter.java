package io.synapse.common.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores roles as the lowercase names the CHECK constraints and the seeds use. */
@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.value();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.parse(value);
    }
}
