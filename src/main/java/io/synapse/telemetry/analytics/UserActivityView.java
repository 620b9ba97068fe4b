package io.synapse.telemetry.analytics;

import java.time.LocalDate;
import java.util.UUID;

/** A row of seed 004's user_activity: one user's count of one action on one UTC day. */
public record UserActivityView(LocalDate date, UUID userId, String action, long count, long totalDurationMs) {
}
