package io.synapse.telemetry.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Seed 003 events: a product event; id is the client's, so a retry is stored once. */
public record ProductEventIn(UUID id, String eventType, Instant timestamp, UUID userId, String sessionId, Map<String, Object> eventData) {
}
