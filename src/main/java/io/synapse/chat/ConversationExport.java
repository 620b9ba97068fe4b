package io.synapse.chat;

import java.util.List;

/** GET /api/conversations/{id}/export?format=json: the conversation with every message and citation. */
public record ConversationExport(ConversationView conversation, List<MessageView> messages) {
}
