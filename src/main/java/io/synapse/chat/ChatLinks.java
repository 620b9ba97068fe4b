package io.synapse.chat;

import java.util.UUID;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;

/** For other modules (runs) that link to chat rows: the links must be the caller's own rows. */
public final class ChatLinks {

    private ChatLinks() {
    }

    /** 422 when a link names a conversation or message the caller does not own (or that does not exist). */
    public static void requireOwned(Actor actor, UUID conversationId, UUID messageId) {
        UUID messageConversation = null;
        if (messageId != null) {
            Message message = Message.findById(messageId);
            Conversation conversation = message == null ? null : Conversation.findById(message.conversationId);
            if (conversation == null || !conversation.userId.equals(actor.userId())) {
                throw ProblemException.unprocessable("message_id", "no such message among yours");
            }
            messageConversation = conversation.id;
        }
        if (conversationId != null) {
            Conversation conversation = Conversation.findById(conversationId);
            if (conversation == null || !conversation.userId.equals(actor.userId())) {
                throw ProblemException.unprocessable("conversation_id", "no such conversation among yours");
            }
            if (messageConversation != null && !messageConversation.equals(conversationId)) {
                throw ProblemException.unprocessable("message_id", "belongs to another conversation");
            }
        }
    }
}
