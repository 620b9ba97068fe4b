package io.synapse.common.input;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** {@link TimeBounds} for every Instant and LocalDate in a JSON body: out of range is a 400 naming the field. */
@Singleton
public class BoundedTimeJson implements ObjectMapperCustomizer {

    /** After Quarkus' own customizer, which registers the java.time module: the last module registered wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("bounded-time");
        module.addDeserializer(Instant.class, new Bounded<>(Instant.class, InstantDeserializer.INSTANT));
        module.addDeserializer(LocalDate.class, new Bounded<>(LocalDate.class, LocalDateDeserializer.INSTANCE));
        mapper.registerModule(module);
    }

    static final class Bounded<T> extends StdDeserializer<T> {
        private final StdDeserializer<T> parser;

        Bounded(Class<T> type, StdDeserializer<T> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = parser.deserialize(p, ctxt);
            boolean holds = value == null || (value instanceof Instant i ? TimeBounds.holds(i) : TimeBounds.holds((LocalDate) value));
            if (!holds) {
                throw JsonMappingException.from(p, TimeBounds.OUT_OF_RANGE, new IllegalArgumentException(TimeBounds.OUT_OF_RANGE));
            }
            return value;
        }
    }
}
