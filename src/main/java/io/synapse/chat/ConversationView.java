package io.synapse.chat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record ConversationView(UUID id, UUID userId, String title, ConversationStatus status, Instant archivedAt, Instant lastMessageAt,
        int messageCount, UUID connectionId, boolean useKnowledge, Instant createdAt, Instant updatedAt, Map<String, Object> metadata) {

    public static ConversationView of(Conversation c) {
        return new ConversationView(c.id, c.userId, c.title, c.status, c.archivedAt, c.lastMessageAt, c.messageCount, c.connectionId, c.useKnowledge, c.createdAt,
                c.updatedAt, c.metadata);
    }
}
