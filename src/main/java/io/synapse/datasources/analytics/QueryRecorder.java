package io.synapse.datasources.analytics;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.input.StorableText;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Secrets;

/**
 * Writes the query_analytics row of a statement, in its own transaction after the statement
 * ended (its rows may have streamed for minutes; nothing is held open meanwhile). A failure to
 * record is logged, never turned into the caller's error: the rows were already delivered.
 */
@ApplicationScoped
public class QueryRecorder {

    private static final Logger LOG = Logger.getLogger(QueryRecorder.class);
    private static final int MAX_ERROR = 1000;

    /** A row being filled in; {@link #record(Entry)} stores it. */
    public static final class Entry {
        final QueryAnalytics row = new QueryAnalytics();

        public Entry(Actor actor, UUID connectionId, String origin, String sql) {
            row.userId = actor == null ? null : actor.userId();
            row.apiKeyId = actor == null ? null : actor.apiKeyId();
            row.connectionId = connectionId;
            row.origin = origin;
            sql(sql);
        }

        public Entry sql(String sql) {
            if (sql != null) {
                String text = StorableText.clean(sql);
                row.sqlText = text;
                row.sqlHash = Secrets.sha256Hex(text);
            }
            return this;
        }

        public Entry question(String question) {
            row.question = question == null ? null : StorableText.clean(question);
            return this;
        }

        public Entry template(UUID templateId) {
            row.templateId = templateId;
            return this;
        }

        public Entry chat(UUID conversationId, UUID messageId, UUID runId) {
            row.conversationId = conversationId;
            row.messageId = messageId;
            row.runId = runId;
            return this;
        }

        public Entry tokens(Integer prompt, Integer completion, Integer total, String model) {
            row.promptTokens = prompt;
            row.completionTokens = completion;
            row.totalTokens = total;
            row.llmModel = StorableText.shorten(StorableText.clean(model), 100);
            return this;
        }

        public Entry succeeded(int durationMs, int rows, long bytes, boolean truncated) {
            row.success = true;
            row.durationMs = durationMs;
            row.rowCount = rows;
            row.bytes = bytes;
            row.truncated = truncated;
            return this;
        }

        public Entry failed(String errorClass, String message, Integer durationMs) {
            row.success = false;
            row.errorClass = errorClass;
            row.errorMessage = StorableText.shorten(StorableText.clean(message), MAX_ERROR);
            row.durationMs = durationMs;
            return this;
        }
    }

    public void record(Entry entry) {
        try {
            QuarkusTransaction.requiringNew().run(() -> entry.row.persist());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record query analytics for connection %s", entry.row.connectionId);
        }
    }
}
