package io.synapse.telemetry.ingest;

import java.time.Instant;
import java.util.Map;

/** Seed 003 performance_metrics: one measurement a client reports. */
public record MetricPointIn(String metricName, Double metricValue, String metricUnit, Instant timestamp, Map<String, Object> additionalData) {
}
