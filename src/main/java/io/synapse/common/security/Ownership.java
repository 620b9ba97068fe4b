package io.synapse.common.security;

import java.util.UUID;

import io.synapse.common.error.ProblemException;

/**
 * The one rule for user-owned rows: the owner sees it; otherwise it does not exist (404, exactly
 * like an unknown id, so ids of other users' rows leak nothing). Roles that may see everyone's
 * rows are passed explicitly by the caller, because that differs per resource.
 */
public final class Ownership {

    private Ownership() {
    }

    /** Returns the row if the actor owns it or holds one of the overriding roles; else 404. */
    public static <T> T require(T row, UUID ownerId, Actor actor, String resourceType, Object id, String... overridingRoles) {
        if (row != null && actor != null) {
            if (ownerId != null && ownerId.equals(actor.userId())) {
                return row;
            }
            for (String role : overridingRoles) {
                if (actor.has(role)) {
                    return row;
                }
            }
        }
        throw ProblemException.notFound(resourceType, id);
    }
}
