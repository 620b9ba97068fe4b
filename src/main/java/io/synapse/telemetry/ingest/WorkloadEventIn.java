package io.synapse.telemetry.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One workload event as posted (seed 004 workload_events plus the figures its analytics need).
 * event_id is the client's: a retried event with the same id and timestamp is stored once.
 */
public record WorkloadEventIn(UUID eventId, Instant timestamp, UUID userId, String workloadId, String workloadType, String eventType,
        String eventCategory, String model, String status, Long promptTokens, Long completionTokens, Long totalTokens, Long latencyMs,
        BigDecimal cost, List<MetricIn> metrics, Map<String, String> dimensions, Map<String, Object> metadata) {

    /** One entry of the seed's metrics Nested(name, value, unit). */
    public record MetricIn(String name, Double value, String unit) {
    }
}
