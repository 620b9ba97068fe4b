package io.synapse.telemetry.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.synapse.common.error.FieldError;
import io.synapse.common.error.JsonFieldErrors;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;

/**
 * Reads a batch of items from a JSON array or NDJSON (one object per line) as it streams in, and
 * binds each with the application's strict ObjectMapper (unknown fields, wrong types, NUL
 * characters and out-of-range dates refused). Errors are collected per item with its index
 * ("[3].latency_ms"), so a client learns every bad item of a batch at once. Malformed JSON stops
 * the reading: nothing after it can be trusted.
 */
@ApplicationScoped
public class BatchReader {

    /** Enough to correct a batch; more would only make the answer larger. */
    static final int MAX_ERRORS = 100;

    @Inject
    ObjectMapper mapper;

    /** Readers per item type, one item at a time: the mapper's trailing-token check would take the next item for trailing content. */
    private final java.util.Map<Class<?>, ObjectReader> readers = new java.util.concurrent.ConcurrentHashMap<>();

    public record Batch<T>(List<T> items, List<FieldError> errors) {

        public void add(FieldError error) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(error);
            }
        }
    }

    public <T> Batch<T> read(InputStream body, boolean ndjson, Class<T> type, int max) {
        Batch<T> batch = new Batch<>(new ArrayList<>(), new ArrayList<>());
        ObjectReader items = readers.computeIfAbsent(type, t -> mapper.readerFor(t).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        int index = 0;
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (!ndjson) {
                if (token != JsonToken.START_ARRAY) {
                    throw ProblemException.badRequest("The body must be a JSON array of items (or NDJSON, one object per line, sent as application/x-ndjson)");
                }
                token = parser.nextToken();
            }
            while (token != null && token != JsonToken.END_ARRAY) {
                if (index >= max) {
                    throw new ProblemException(Problem.of(413, "batch-too-large", "Batch too large",
                            "A request may carry at most " + max + " items; send the rest in another request"));
                }
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    batch.add(new FieldError("[" + index + "]", "is not a JSON object"));
                    batch.items().add(null);
                } else {
                    // Bound straight from the stream (a tree first cost a third of the time); a refused item is skipped
                    // to its closing brace, so the next one is read and checked too.
                    int depth = parser.getParsingContext().getNestingDepth();
                    try {
                        batch.items().add(items.readValue(parser));
                    } catch (com.fasterxml.jackson.core.JsonParseException e) {
                        throw e;
                    } catch (JsonProcessingException e) {
                        batch.add(JsonFieldErrors.of("[" + index + "]", e));
                        batch.items().add(null);
                        while (parser.getParsingContext().getNestingDepth() >= depth && parser.nextToken() != null) {
                            // skipping the rest of the refused item
                        }
                    }
                }
                index++;
                token = parser.nextToken();
            }
            if (!ndjson && (token != JsonToken.END_ARRAY || parser.nextToken() != null)) {
                throw ProblemException.badRequest("The body must be one JSON array: something follows it or it is not closed");
            }
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON at item [" + index + "]" + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")
                            + ": nothing was stored"));
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read: " + e.getMessage());
        }
        if (index == 0) {
            throw ProblemException.invalidField("body", "must hold at least one item");
        }
        return batch;
    }
}
