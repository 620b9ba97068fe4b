package io.synapse.chat;

import java.util.UUID;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Ownership;
import io.synapse.common.security.Roles;

/**
 * Who may see and change chat rows. The owner does everything; an admin reads everyone's
 * conversations (and may purge them) but writes only to their own; everyone else gets 404,
 * exactly as for an id that does not exist. Deleted conversations exist only for admins.
 */
final class ChatAccess {

    private ChatAccess() {
    }

    static UUID requireUser(Actor actor) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens have no conversations; use a user's token or API key");
        }
        return actor.userId();
    }

    static Conversation readable(Actor actor, UUID id) {
        Conversation found = Conversation.findById(id);
        if (found != null && found.isDeleted() && !actor.isAdmin()) {
            found = null;
        }
        return Ownership.require(found, found == null ? null : found.userId, actor, "conversation", id, Roles.ADMIN);
    }

    /** The conversation for a change; {@code lock} holds its row until commit (appends). */
    static Conversation writable(Actor actor, UUID id, boolean lock) {
        Conversation found = lock ? Conversation.findForAppend(id) : Conversation.findById(id);
        if (found != null && found.isDeleted()) {
            found = null;
        }
        Conversation conversation = Ownership.require(found, found == null ? null : found.userId, actor, "conversation", id, Roles.ADMIN);
        if (!conversation.userId.equals(actor.userId())) {
            throw ProblemException.forbidden("Only the owner can change a conversation");
        }
        return conversation;
    }
}
