package io.synapse.datasources.ask;

import java.util.UUID;

import io.synapse.datasources.analytics.QueryAnalytics;

/** The answer's message exists only once the rows are in: the run's analytics rows are linked to it then, in the same transaction. */
final class QueryRecorderLinks {

    private QueryRecorderLinks() {
    }

    static void link(UUID runId, UUID messageId) {
        QueryAnalytics.update("messageId = ?1 where runId = ?2 and messageId is null", messageId, runId);
    }
}
