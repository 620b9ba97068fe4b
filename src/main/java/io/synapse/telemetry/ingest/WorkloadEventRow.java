package io.synapse.telemetry.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A validated workload event, ready for the table; jsonb columns as JSON text. */
public record WorkloadEventRow(UUID eventId, Instant occurredAt, UUID userId, String workloadId, String workloadType, String eventType,
        String eventCategory, String model, String status, Integer promptTokens, Integer completionTokens, Integer totalTokens,
        Integer latencyMs, BigDecimal cost, String metrics, String dimensions, String metadata) {
}
