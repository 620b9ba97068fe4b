package io.synapse.datasources;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class EngineConverter implements AttributeConverter<Engine, String> {

    @Override
    public String convertToDatabaseColumn(Engine engine) {
        return engine == null ? null : engine.value();
    }

    @Override
    public Engine convertToEntityAttribute(String value) {
        return value == null ? null : Engine.parse(value);
    }
}
