package io.synapse.runs;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new run starts pending and belongs to the caller; the links must point at the caller's own rows. */
public record RunCreate(@Size(max = 100) @Schema(example = "sql_agent") String agentType, @Size(max = 100) @Schema(example = "gpt-4o-mini") String model, @Size(max = 200) Map<String, Object> input,
        UUID conversationId, UUID messageId, @Size(max = 50) Map<String, Object> metadata) {
}
