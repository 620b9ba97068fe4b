package io.synapse.identity;

import java.util.UUID;

/**
 * Fired in the deleting transaction just before a user row goes: modules whose rows the database
 * cascades away with it (budgets) record their own audit rows for them.
 */
public record UserDeleting(UUID userId) {
}
