package io.synapse.datasources.ask;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A question in plain words; conversation_id continues a conversation about the same database (a new one is made otherwise). */
public record AskRequest(@NotBlank @Size(max = 2000) @Schema(example = "Which state has the most customers?") String question, UUID conversationId) {
}
