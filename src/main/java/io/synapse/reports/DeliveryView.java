package io.synapse.reports;

import java.time.Instant;
import java.util.UUID;

public record DeliveryView(UUID id, UUID reportId, UUID userId, String channel, String status, int attempts, Instant nextAttemptAt,
        String lastError, Instant sentAt, Instant readAt, Instant createdAt) {

    public static DeliveryView of(ReportDelivery d) {
        return new DeliveryView(d.id, d.reportId, d.userId, d.channel, d.status, d.attempts, d.nextAttemptAt, d.lastError, d.sentAt, d.readAt,
                d.createdAt);
    }
}
