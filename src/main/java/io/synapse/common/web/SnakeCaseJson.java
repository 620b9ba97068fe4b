package io.synapse.common.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * snake_case JSON everywhere, as the seeds name their columns.
 *
 * Set here in code rather than with quarkus.jackson.property-naming-strategy: Quarkus resolves that
 * setting's class by name at run time without registering it, so the native executable died at
 * start-up with a ClassNotFoundException. A constant reference needs no reflection.
 */
@Singleton
public class SnakeCaseJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}
