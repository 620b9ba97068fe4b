package io.synapse.runs;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Size;

/** A new run starts pending and belongs to the caller; the links must point at the caller's own rows. */
public record RunCreate(@Size(max = 100) String agentType, @Size(max = 100) String model, @Size(max = 200) Map<String, Object> input,
        UUID conversationId, UUID messageId, @Size(max = 50) Map<String, Object> metadata) {
}
