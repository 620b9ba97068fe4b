package io.synapse.telemetry.analytics;

import java.time.Instant;
import java.util.UUID;

/** A row of seed 004's recent_workloads view: workloads seen in the last 7 days. */
public record RecentWorkloadView(String workloadId, UUID userId, Instant lastSeen, long eventCount, long uniqueEventTypes) {
}
