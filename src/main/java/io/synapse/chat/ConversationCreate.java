package io.synapse.chat;

import java.util.Map;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Both fields optional: a conversation is often titled after its first exchange. */
public record ConversationCreate(@Size(max = 255) @Schema(example = "Stock levels in Curitiba") String title, @Size(max = 50) Map<String, Object> metadata,
        @Schema(description = "Generated replies are grounded in the knowledge base unless a message says otherwise") Boolean useKnowledge) {
}
