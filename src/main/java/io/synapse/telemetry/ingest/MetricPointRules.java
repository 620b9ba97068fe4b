package io.synapse.telemetry.ingest;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks one posted performance metric (seed 003 performance_metrics). */
final class MetricPointRules {

    private MetricPointRules() {
    }

    static MetricPointRow check(int index, MetricPointIn in, BatchReader.Batch<?> batch, IngestWindow window, UUID owner, ObjectMapper mapper) {
        FieldChecks c = new FieldChecks(index, batch);
        String name = c.required("metric_name", in.metricName(), 100);
        if (in.metricValue() == null) {
            c.fail("metric_value", "is required");
        }
        c.finite("metric_value", in.metricValue());
        String unit = c.optional("metric_unit", in.metricUnit(), 50);
        java.time.Instant timestamp = c.timestamp(window, in.timestamp());
        String data = WorkloadEventRules.json(mapper, in.additionalData());
        if (data != null && data.length() > ProductEventRules.MAX_DATA_CHARS) {
            c.fail("additional_data", "must be at most " + ProductEventRules.MAX_DATA_CHARS + " characters as JSON");
        }
        return c.failed() ? null : new MetricPointRow(timestamp, name, in.metricValue(), unit, "client", owner, data);
    }
}
