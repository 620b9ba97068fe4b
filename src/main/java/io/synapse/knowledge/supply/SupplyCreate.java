package io.synapse.knowledge.supply;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A supply item; the JSON objects are free-form (at most 200 keys at their top level each). */
public record SupplyCreate(@NotBlank @Size(max = 255) @Schema(example = "GPU node, 8x A100 80GB") String name,
        @NotBlank @Size(max = 100) @Schema(example = "compute") String category, @Size(max = 100) @Schema(example = "aws") String provider,
        @NotNull @Size(max = 200) @Schema(example = "{\"gpu\": \"A100 80GB\", \"gpus\": 8, \"vcpu\": 96}") Map<String, Object> specifications,
        @Size(max = 200) @Schema(example = "{\"usd_per_hour\": 32.77}") Map<String, Object> pricing, @Size(max = 200) Map<String, Object> availability,
        @Size(max = 200) Map<String, Object> performanceMetrics, Boolean isActive, @Size(max = 200) Map<String, Object> metadata) {
}
