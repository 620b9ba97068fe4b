package io.synapse.knowledge.documents;

import java.util.UUID;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;

/**
 * Who sees a document: its owner, admins, everyone when shared with everyone, holders of the
 * role it is shared with. Who changes, re-indexes or deletes it: its owner and admins. Anyone
 * else gets 404, exactly as for an unknown id.
 */
public final class DocumentAccess {

    private DocumentAccess() {
    }

    public static Document readable(Actor actor, UUID id) {
        Document d = Document.findById(id);
        if (d == null || actor == null || !(owns(actor, d) || actor.isAdmin() || shared(actor, d))) {
            throw ProblemException.notFound("document", id);
        }
        return d;
    }

    public static Document manageable(Actor actor, UUID id) {
        Document d = readable(actor, id);
        if (!owns(actor, d) && !actor.isAdmin()) {
            throw ProblemException.forbidden("Only the owner of document " + id + " or an admin may change, re-index or delete it");
        }
        return d;
    }

    /**
     * For a change: the row locked until commit, read again after the lock, so two changes (or a
     * change and the indexer's result) never write over each other with stale values.
     */
    public static Document lockedForChange(Actor actor, UUID id) {
        Document d = manageable(actor, id);
        Document.getEntityManager().lock(d, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Document.getEntityManager().refresh(d);
        return d;
    }

    static boolean owns(Actor actor, Document d) {
        return actor.userId() != null && actor.userId().equals(d.userId);
    }

    static boolean shared(Actor actor, Document d) {
        return "everyone".equals(d.visibility) || "role".equals(d.visibility) && d.sharedWithRole != null && actor.has(d.sharedWithRole);
    }
}
