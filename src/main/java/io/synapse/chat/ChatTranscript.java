package io.synapse.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.telemetry.AuditRecorder;

/**
 * For modules that hold a conversation on the user's behalf (datasources' questions): opens or
 * binds the conversation and appends messages through the same rules, locks and audit as the
 * chat API. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class ChatTranscript {

    @Inject
    MessageService messages;

    @Inject
    AuditRecorder audit;

    /** A message as stored: its id and place in the conversation. */
    public record Stored(UUID id, int sequenceNumber) {
    }

    /**
     * The caller's conversation bound to the connection: the given one (which must be theirs and
     * not bound to another connection; an unbound one is bound now), or a new one titled by the question.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID forConnection(Actor actor, UUID conversationId, UUID connectionId, String title) {
        ChatAccess.requireUser(actor);
        if (conversationId == null) {
            Conversation conversation = new Conversation();
            conversation.userId = actor.userId();
            conversation.title = title.codePointCount(0, title.length()) > 80 ? title.substring(0, title.offsetByCodePoints(0, 77)) + "..." : title;
            conversation.connectionId = connectionId;
            conversation.persist();
            audit.event("conversation.create").resource("conversation", conversation.id).newValues(ConversationView.of(conversation)).record();
            return conversation.id;
        }
        Conversation conversation = ChatAccess.writable(actor, conversationId, true);
        if (conversation.connectionId == null) {
            conversation.connectionId = connectionId;
            audit.event("conversation.bind").resource("conversation", conversationId).meta("connection_id", connectionId).record();
        } else if (!conversation.connectionId.equals(connectionId)) {
            throw ProblemException.unprocessable("conversation_id", "is about another database connection; start a new conversation");
        }
        return conversationId;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Stored question(Actor actor, UUID conversationId, String question) {
        Message m = messages.appendRow(actor, conversationId, new MessageCreate(MessageRole.USER, question, null, null, null, null, null, null, null, null, null, null));
        return new Stored(m.id, m.sequenceNumber);
    }

    /** The answer: its text, the SQL that produced it and the rows (query_result), or the error when there is no answer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored answer(Actor actor, UUID conversationId, String content, String model, Integer tokens, String sql, Object rows, Integer executionTimeMs,
            String error, Map<String, Object> metadata) {
        Message m = messages.appendRow(actor, conversationId,
                new MessageCreate(MessageRole.ASSISTANT, content, model, tokens, sql, rows, executionTimeMs, error, null, metadata, null, null));
        return new Stored(m.id, m.sequenceNumber);
    }

    /** The latest turns of the conversation before the given sequence number, oldest first, for the model's context. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Map.Entry<String, String>> history(UUID conversationId, int beforeSequence, int max) {
        if (max <= 0) {
            return List.of();
        }
        List<Message> recent = Message.<Message>find("conversationId = ?1 and sequenceNumber < ?2 order by sequenceNumber desc", conversationId,
                beforeSequence).range(0, Math.max(0, max - 1)).list();
        return recent.reversed().stream()
                .map(m -> Map.entry(m.role.value(), m.sqlQuery != null ? m.content + "\nSQL: " + m.sqlQuery : m.content)).toList();
    }
}
