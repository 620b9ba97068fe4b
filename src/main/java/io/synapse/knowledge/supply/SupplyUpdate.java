package io.synapse.knowledge.supply;

import java.util.Map;

import jakarta.validation.constraints.Size;

/** Fields to change; absent ones stay. An object replaces the stored one whole; {} empties an optional one. */
public record SupplyUpdate(@Size(min = 1, max = 255) String name, @Size(min = 1, max = 100) String category, @Size(max = 100) String provider,
        @Size(max = 200) Map<String, Object> specifications, @Size(max = 200) Map<String, Object> pricing,
        @Size(max = 200) Map<String, Object> availability, @Size(max = 200) Map<String, Object> performanceMetrics, Boolean isActive,
        @Size(max = 200) Map<String, Object> metadata) {
}
