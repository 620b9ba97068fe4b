package io.synapse.telemetry;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.telemetry.analytics.RecentWorkloadView;
import io.synapse.telemetry.analytics.UserActivityView;
import io.synapse.telemetry.analytics.WorkloadReport;
import io.synapse.telemetry.ingest.IngestResult;
import io.synapse.telemetry.ingest.MetricPointIn;
import io.synapse.telemetry.ingest.ProductEventIn;
import io.synapse.telemetry.ingest.WorkloadEventIn;
import io.synapse.telemetry.settings.SettingView;

/**
 * Telemetry types Jackson reaches reflectively in a native image: batch items bound from a stream
 * (never a resource parameter), views inside Page, and the report's nested records.
 */
@RegisterForReflection(targets = { WorkloadEventIn.class, WorkloadEventIn.MetricIn.class, ProductEventIn.class, MetricPointIn.class,
        IngestResult.class, WorkloadReport.class, WorkloadReport.Row.class, WorkloadReport.Latency.class, WorkloadReport.Sources.class,
        RecentWorkloadView.class, UserActivityView.class, SettingView.class })
final class TelemetryReflection {

    private TelemetryReflection() {
    }
}
