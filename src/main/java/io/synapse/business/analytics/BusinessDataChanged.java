package io.synapse.business.analytics;

/**
 * Fired inside any transaction that changes what an analysis shows (a client renamed, rows
 * loaded). The analytics cache moves to a new data version once that transaction commits, so no
 * reader can cache the old figures between the change and its commit.
 */
public record BusinessDataChanged(String table) {
}
