package io.synapse.telemetry.ingest;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks one posted workload event and shapes it for the table; errors go to the batch under the event's index. */
final class WorkloadEventRules {

    static final int MAX_METRICS = 100;
    static final int MAX_DIMENSIONS = 100;
    static final int MAX_METADATA_CHARS = 16_384;

    private WorkloadEventRules() {
    }

    /** The row, or null when the event was refused. owner is who the event is attributed to when it names nobody. */
    static WorkloadEventRow check(int index, WorkloadEventIn in, BatchReader.Batch<?> batch, IngestWindow window, UUID owner,
            boolean mayAttribute, ObjectMapper mapper) {
        FieldChecks c = new FieldChecks(index, batch);
        c.clientId("event_id", in.eventId());
        java.time.Instant timestamp = c.timestamp(window, in.timestamp());
        UUID userId = c.attributedUser(in.userId(), owner, mayAttribute);
        String workloadId = c.required("workload_id", in.workloadId(), 255);
        String workloadType = c.required("workload_type", in.workloadType(), 100);
        String eventType = c.required("event_type", in.eventType(), 100);
        String category = c.optional("event_category", in.eventCategory(), 100);
        String model = c.optional("model", in.model(), 255);
        String status = in.status() == null ? "ok" : in.status();
        if (!status.equals("ok") && !status.equals("error")) {
            c.fail("status", "must be ok or error");
        }
        Integer prompt = c.count("prompt_tokens", in.promptTokens());
        Integer completion = c.count("completion_tokens", in.completionTokens());
        Long total = in.totalTokens();
        if (total == null && (in.promptTokens() != null || in.completionTokens() != null)) {
            total = (prompt == null ? 0L : prompt) + (completion == null ? 0L : completion);
        }
        Integer totalTokens = c.count("total_tokens", total);
        Integer latency = c.count("latency_ms", in.latencyMs());
        var cost = c.money("cost", in.cost());
        if (c.size("metrics", in.metrics(), MAX_METRICS) && in.metrics() != null) {
            for (int i = 0; i < in.metrics().size(); i++) {
                WorkloadEventIn.MetricIn metric = in.metrics().get(i);
                if (metric == null) {
                    c.fail("metrics[" + i + "]", "must be an object with name, value and unit");
                    continue;
                }
                c.required("metrics[" + i + "].name", metric.name(), 100);
                if (metric.value() == null) {
                    c.fail("metrics[" + i + "].value", "is required");
                }
                c.finite("metrics[" + i + "].value", metric.value());
                c.optional("metrics[" + i + "].unit", metric.unit(), 50);
            }
        }
        if (c.size("dimensions", in.dimensions(), MAX_DIMENSIONS) && in.dimensions() != null) {
            for (Map.Entry<String, String> d : in.dimensions().entrySet()) {
                if (d.getKey().length() > 100) {
                    c.fail("dimensions", "keys may be at most 100 characters");
                }
                if (d.getValue() == null) {
                    c.fail("dimensions." + d.getKey(), "must be a string");
                } else if (d.getValue().length() > 1000) {
                    c.fail("dimensions." + d.getKey(), "must be at most 1000 characters");
                }
            }
        }
        String metadata = json(mapper, in.metadata());
        if (metadata != null && metadata.length() > MAX_METADATA_CHARS) {
            c.fail("metadata", "must be at most " + MAX_METADATA_CHARS + " characters as JSON");
        }
        if (c.failed()) {
            return null;
        }
        return new WorkloadEventRow(in.eventId(), timestamp, userId, workloadId, workloadType, eventType, category, model, status, prompt,
                completion, totalTokens, latency, cost, json(mapper, in.metrics()), json(mapper, in.dimensions()), metadata);
    }

    static String json(ObjectMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A value read from JSON could not be written back", e);
        }
    }
}
