package io.synapse.telemetry.ingest;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks one posted product event (seed 003 events). */
final class ProductEventRules {

    static final int MAX_DATA_CHARS = 16_384;

    private ProductEventRules() {
    }

    static ProductEventRow check(int index, ProductEventIn in, BatchReader.Batch<?> batch, IngestWindow window, UUID owner, boolean mayAttribute,
            ObjectMapper mapper) {
        FieldChecks c = new FieldChecks(index, batch);
        if (in.id() == null) {
            c.fail("id", "is required (a UUID the client chooses, so that a retry is stored once)");
        }
        // PostgreSQL keeps microseconds and would round the rest, maybe into the next hour or day: cut here, once.
        java.time.Instant timestamp = in.timestamp() == null ? null : in.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        window.check(c, "timestamp", timestamp);
        UUID userId = in.userId();
        if (userId == null) {
            userId = owner;
        } else if (!mayAttribute && !userId.equals(owner)) {
            c.fail("user_id", "may only be your own id (managers and services with the manager role may attribute events to others)");
        }
        String type = c.required("event_type", in.eventType(), 100);
        String session = c.optional("session_id", in.sessionId(), 255);
        String data = WorkloadEventRules.json(mapper, in.eventData());
        if (data != null && data.length() > MAX_DATA_CHARS) {
            c.fail("event_data", "must be at most " + MAX_DATA_CHARS + " characters as JSON");
        }
        return c.failed() ? null : new ProductEventRow(in.id(), timestamp, type, userId, session, data);
    }
}
