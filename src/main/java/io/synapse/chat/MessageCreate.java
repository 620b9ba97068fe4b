package io.synapse.chat;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message to append. model, tokens_used, sql_query, query_result, execution_time_ms,
 * error_message and citations belong to assistant and tool messages only. With generate = true
 * the message must be the user's, and the backend asks the configured model for the reply; with
 * knowledge = true (or the conversation's use_knowledge) the reply is grounded in the documents the
 * caller may read, and cites them.
 */
public record MessageCreate(@NotNull @Schema(example = "user") MessageRole role, @NotNull @Size(max = MessageCreate.MAX_CONTENT) @Schema(example = "How many tons did we sell in PR last month?") String content,
        @Size(max = 100) String model, @PositiveOrZero Integer tokensUsed, @Size(max = 100_000) String sqlQuery, Object queryResult,
        @PositiveOrZero Integer executionTimeMs, @Size(max = 10_000) String errorMessage,
        @Size(max = 100) List<@Valid @NotNull CitationInput> citations, @Size(max = 50) Map<String, Object> metadata, @Schema(example = "true") Boolean generate,
        @Schema(description = "Ground the generated reply in the knowledge base and cite it; absent: the conversation's use_knowledge") Boolean knowledge) {

    public static final int MAX_CONTENT = 100_000;

    public boolean wantsReply() {
        return Boolean.TRUE.equals(generate);
    }

    /** The assistant reply as the generate flow stores it. */
    static MessageCreate assistant(String content, String model, Integer tokens, Integer executionTimeMs, Map<String, Object> metadata) {
        return new MessageCreate(MessageRole.ASSISTANT, content, model, tokens, null, null, executionTimeMs, null, null, metadata, null, null);
    }
}
