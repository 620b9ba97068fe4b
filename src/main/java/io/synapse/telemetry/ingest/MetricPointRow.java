package io.synapse.telemetry.ingest;

import java.time.Instant;
import java.util.UUID;

public record MetricPointRow(Instant recordedAt, String metricName, double metricValue, String metricUnit, String source, UUID userId,
        String additionalData) {
}
