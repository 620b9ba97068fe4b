package io.synapse.common.input;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Applies {@link StorableText} to every JSON body as it is read: every string value, every map key
 * and every string inside free-form objects (metadata, run input). A refusal is a Jackson mapping
 * error with the field's path, which ProblemMappers answers as 400 naming the field, before any
 * service or the database sees the value.
 */
@Singleton
public class StorableTextJson implements ObjectMapperCustomizer {

    /** After Quarkus' own customizer and its modules: the last module registered wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("storable-text");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        module.addDeserializer(Object.class, new FreeForm());
        mapper.registerModule(module);
    }

    static JsonMappingException refused(JsonParser p, String reason) {
        return JsonMappingException.from(p, reason, new IllegalArgumentException(reason));
    }

    static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            String reason = value == null ? null : StorableText.refusal(value);
            if (reason != null) {
                throw refused(p, reason);
            }
            return value;
        }
    }

    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String reason = StorableText.refusal(key);
            if (reason != null) {
                throw refused(ctxt.getParser(), "keys " + reason);
            }
            return key;
        }
    }

    /** Free-form JSON (Object, Map values): read as usual, then every key and string is checked. */
    static final class FreeForm extends StdDeserializer<Object> {
        /** Jackson's own reader of free-form JSON (maps, lists, strings, numbers), unresolved so it never comes back here. */
        @SuppressWarnings("deprecation")
        private final UntypedObjectDeserializer plain = new UntypedObjectDeserializer(null, null);

        FreeForm() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = plain.deserialize(p, ctxt);
            check(p, value);
            return value;
        }

        private static void check(JsonParser p, Object value) throws JsonMappingException {
            if (value instanceof String s) {
                String reason = StorableText.refusal(s);
                if (reason != null) {
                    throw refused(p, reason);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = (String) e.getKey();
                    String reason = StorableText.refusal(key);
                    if (reason != null) {
                        // The path stops at this object: the bad key itself is not echoed back.
                        throw refused(p, "keys " + reason);
                    }
                    try {
                        check(p, e.getValue());
                    } catch (JsonMappingException inner) {
                        throw JsonMappingException.wrapWithPath(inner, value, key);
                    }
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    try {
                        check(p, list.get(i));
                    } catch (JsonMappingException inner) {
                        throw JsonMappingException.wrapWithPath(inner, value, i);
                    }
                }
            }
        }
    }
}
