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
        c.clientId("id", in.id());
        java.time.Instant timestamp = c.timestamp(window, in.timestamp());
        UUID userId = c.attributedUser(in.userId(), owner, mayAttribute);
        String type = c.required("event_type", in.eventType(), 100);
        String session = c.optional("session_id", in.sessionId(), 255);
        String data = WorkloadEventRules.json(mapper, in.eventData());
        if (data != null && data.length() > MAX_DATA_CHARS) {
            c.fail("event_data", "must be at most " + MAX_DATA_CHARS + " characters as JSON");
        }
        return c.failed() ? null : new ProductEventRow(in.id(), timestamp, type, userId, session, data);
    }
}
