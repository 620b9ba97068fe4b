package io.synapse.datasources.ask;

import java.util.List;
import java.util.UUID;

import io.synapse.datasources.exec.Column;
import io.synapse.runs.RunView;

/** The answer to a question: the SQL that was run, its rows (capped), a short answer in words, and the run that accounts for it. */
public record AskView(UUID conversationId, UUID questionMessageId, UUID answerMessageId, String sql, List<Column> columns, List<List<Object>> rows,
        int rowCount, boolean truncated, String answer, boolean retried, RunView run) {
}
