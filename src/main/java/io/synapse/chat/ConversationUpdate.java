package io.synapse.chat;

import java.util.Map;

import jakarta.validation.constraints.Size;

/** Absent (null) fields stay as they are; metadata is replaced as a whole. */
public record ConversationUpdate(@Size(max = 255) String title, @Size(max = 50) Map<String, Object> metadata, Boolean useKnowledge) {
}
