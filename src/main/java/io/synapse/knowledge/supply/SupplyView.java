package io.synapse.knowledge.supply;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record SupplyView(UUID id, UUID userId, String name, String category, String provider, Map<String, Object> specifications,
        Map<String, Object> pricing, Map<String, Object> availability, Map<String, Object> performanceMetrics, boolean isActive, Instant createdAt,
        Instant updatedAt, Map<String, Object> metadata) {

    public static SupplyView of(SupplyItem s) {
        return new SupplyView(s.id, s.userId, s.name, s.category, s.provider, s.specifications, s.pricing, s.availability, s.performanceMetrics,
                s.isActive, s.createdAt, s.updatedAt, s.metadata);
    }
}
