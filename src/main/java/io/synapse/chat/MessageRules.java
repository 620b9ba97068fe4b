package io.synapse.chat;

import java.util.List;

import io.synapse.common.error.ProblemException;

/** What a message may carry given its role, and citation ranges checked against its content (422). */
final class MessageRules {

    private MessageRules() {
    }

    static void check(MessageCreate m) {
        boolean output = m.role() == MessageRole.ASSISTANT || m.role() == MessageRole.TOOL;
        if (!output) {
            rejectIfPresent("model", m.model());
            rejectIfPresent("tokens_used", m.tokensUsed());
            rejectIfPresent("sql_query", m.sqlQuery());
            rejectIfPresent("query_result", m.queryResult());
            rejectIfPresent("execution_time_ms", m.executionTimeMs());
            rejectIfPresent("error_message", m.errorMessage());
            if (m.citations() != null && !m.citations().isEmpty()) {
                throw ProblemException.unprocessable("citations", "only assistant and tool messages carry citations");
            }
        }
        if (Boolean.TRUE.equals(m.knowledge()) && !m.wantsReply()) {
            throw ProblemException.unprocessable("knowledge", "grounds a generated reply: send it with generate = true");
        }
        if (m.wantsReply()) {
            if (m.role() != MessageRole.USER) {
                throw ProblemException.unprocessable("generate", "a reply is generated for user messages only");
            }
            if (m.content().isBlank()) {
                throw ProblemException.unprocessable("content", "must not be blank when a reply is generated");
            }
        }
        List<CitationInput> citations = m.citations() == null ? List.of() : m.citations();
        for (int i = 0; i < citations.size(); i++) {
            checkCitation("citations[" + i + "].", citations.get(i), m.content().length());
        }
    }

    private static void checkCitation(String prefix, CitationInput c, int contentLength) {
        if (c.confidence() != null && (c.confidence().isNaN() || c.confidence() < 0 || c.confidence() > 1)) {
            throw ProblemException.unprocessable(prefix + "confidence", "must be between 0 and 1");
        }
        if (c.textStartIndex() != null && c.textStartIndex() < 0) {
            throw ProblemException.unprocessable(prefix + "text_start_index", "must not be negative");
        }
        if (c.textEndIndex() != null && c.textEndIndex() > contentLength) {
            throw ProblemException.unprocessable(prefix + "text_end_index", "must not exceed the content length (" + contentLength + ")");
        }
        if (c.textStartIndex() != null && c.textEndIndex() != null && c.textStartIndex() > c.textEndIndex()) {
            throw ProblemException.unprocessable(prefix + "text_start_index", "must not exceed text_end_index");
        }
        if ((c.textStartIndex() == null) != (c.textEndIndex() == null)) {
            throw ProblemException.unprocessable(prefix + "text_end_index", "text_start_index and text_end_index come together");
        }
    }

    private static void rejectIfPresent(String field, Object value) {
        if (value != null) {
            throw ProblemException.unprocessable(field, "only assistant and tool messages carry " + field);
        }
    }
}
