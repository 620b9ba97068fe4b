package io.synapse.reports;

import java.time.Instant;
import java.util.UUID;

/** A report delivered to me: when, whether I have read it, and how its e-mail went. */
public record MyReportView(UUID reportId, String name, Instant createdAt, Instant deliveredAt, Instant readAt, String emailStatus) {
}
