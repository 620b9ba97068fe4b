package io.synapse.common.error;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The field a Jackson failure is about, and what to tell the client, in the words the exception
 * mappers use: for bodies read item by item (telemetry batches), where each item's errors are
 * collected instead of failing the request at the first one.
 */
public final class JsonFieldErrors {

    private JsonFieldErrors() {
    }

    /** The error of one item, its field path prefixed (e.g. "[3]" + ".latency_ms"). */
    public static FieldError of(String prefix, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            // Number overflow and similar parser-level refusals carry no path.
            return new FieldError(prefix, "holds a value out of range or malformed");
        }
        String path = pathOf(mapping);
        String field = path.isEmpty() ? prefix : prefix + (path.startsWith("[") ? "" : ".") + path;
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldError(field, "is not a known field");
        }
        if (e instanceof MismatchedInputException) {
            return new FieldError(field, path.isEmpty() ? "is not a JSON object" : "has the wrong type or shape");
        }
        Throwable cause = e.getCause();
        return new FieldError(field, cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage() : "is not a valid value");
    }

    /** snake_case field names and [index] parts joined as a path: items[2].name. */
    public static String pathOf(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                parts.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                parts.add("[" + ref.getIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
