package io.synapse.telemetry.ingest;

import java.time.Instant;
import java.util.UUID;

public record ProductEventRow(UUID id, Instant occurredAt, String eventType, UUID userId, String sessionId, String eventData) {
}
