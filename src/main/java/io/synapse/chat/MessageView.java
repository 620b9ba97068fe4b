package io.synapse.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A message with its citations and, when known, the caller's own feedback on it. */
public record MessageView(UUID id, UUID conversationId, int sequenceNumber, MessageRole role, String content, String model, Integer tokensUsed,
        String sqlQuery, Object queryResult, Integer executionTimeMs, String errorMessage, Instant createdAt, Map<String, Object> metadata,
        List<CitationView> citations, FeedbackView feedback) {

    public static MessageView of(Message m, List<CitationView> citations, FeedbackView feedback) {
        return new MessageView(m.id, m.conversationId, m.sequenceNumber, m.role, m.content, m.model, m.tokensUsed, m.sqlQuery, m.queryResult,
                m.executionTimeMs, m.errorMessage, m.createdAt, m.metadata, citations, feedback);
    }
}
