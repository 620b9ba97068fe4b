package io.synapse.datasources;

import java.util.UUID;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;

/**
 * Who may do what with a registered database. Visible (and usable for questions and templates):
 * its owner, admins, and users holding the role it is shared with. Changed, tested, introspected
 * or deleted: its owner and admins only. Anything else answers 404, like an unknown id.
 */
public final class ConnectionAccess {

    private ConnectionAccess() {
    }

    public static DatabaseConnection visible(Actor actor, UUID id) {
        DatabaseConnection c = DatabaseConnection.findById(id);
        if (c == null || actor == null || !(owns(actor, c) || actor.isAdmin() || shared(actor, c))) {
            throw ProblemException.notFound("database_connection", id);
        }
        return c;
    }

    public static DatabaseConnection manageable(Actor actor, UUID id) {
        DatabaseConnection c = visible(actor, id);
        if (!owns(actor, c) && !actor.isAdmin()) {
            throw ProblemException.forbidden("Only the owner of connection " + id + " or an admin may change, test or introspect it");
        }
        return c;
    }

    /** For a change: the row locked until commit, so a concurrent test's verdict is never written over with stale values. */
    public static DatabaseConnection lockedForChange(Actor actor, UUID id) {
        DatabaseConnection c = manageable(actor, id);
        DatabaseConnection.getEntityManager().lock(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        DatabaseConnection.getEntityManager().refresh(c);
        return c;
    }

    /** Statements may run: the last test passed, or found a writable login an admin allowed. */
    public static void requireQueryable(DatabaseConnection c) {
        switch (c.status) {
            case "ok" -> {
            }
            case "writable" -> {
                if (!c.allowWritableLogin) {
                    throw ProblemException.conflict("The login of connection " + c.id + " can write (" + String.join("; ", c.writePrivileges.stream().limit(3).toList())
                            + "): register a read-only login (README: Datasources), or an admin may set allow_writable_login");
                }
            }
            case "failed" -> throw ProblemException.conflict("The last test of connection " + c.id + " failed (" + c.lastError + "); fix it and POST .../test again");
            default -> throw ProblemException.conflict("Connection " + c.id + " has not been tested: POST /api/datasources/" + c.id + "/test first");
        }
    }

    static boolean owns(Actor actor, DatabaseConnection c) {
        return actor.userId() != null && actor.userId().equals(c.userId);
    }

    static boolean shared(Actor actor, DatabaseConnection c) {
        return c.sharedWithRole != null && actor.has(c.sharedWithRole);
    }
}
