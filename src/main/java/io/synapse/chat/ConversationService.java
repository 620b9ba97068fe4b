package io.synapse.chat;

import java.util.HashMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.web.QueryParams;
import io.synapse.telemetry.AuditRecorder;

@ApplicationScoped
public class ConversationService {

    @Inject
    AuditRecorder audit;

    @Transactional
    public ConversationView create(Actor actor, ConversationCreate request) {
        Conversation conversation = new Conversation();
        conversation.userId = ChatAccess.requireUser(actor);
        conversation.title = request.title();
        conversation.useKnowledge = Boolean.TRUE.equals(request.useKnowledge());
        if (request.metadata() != null) {
            conversation.metadata = new HashMap<>(request.metadata());
        }
        conversation.persist();
        ConversationView view = ConversationView.of(conversation);
        audit.event("conversation.create").resource("conversation", conversation.id).newValues(view).record();
        return view;
    }

    /**
     * The caller's conversations, most recently updated first (seed 002's query), deleted ones
     * never. An admin may name another user with ownerId.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConversationView> list(Actor actor, UUID ownerId, ConversationStatus status, String q, PageRequest page) {
        if (status == ConversationStatus.DELETED) {
            throw ProblemException.invalidField("status", "must be active or archived (deleted conversations are not listed)");
        }
        UUID owner = ownerId != null && actor.isAdmin() ? ownerId : ChatAccess.requireUser(actor);
        KeysetQuery query = KeysetQuery.create().eq("userId", owner).where("status <> :deleted", "deleted", ConversationStatus.DELETED)
                .eq("status", status);
        if (q != null && !q.isBlank()) {
            query.where("lower(title) like :q escape '\\'", "q", QueryParams.containsPattern(q));
        }
        query.after(page, "updatedAt", "id");
        return Page.of(KeysetQuery.fetch(Conversation.<Conversation>find(query.hql(), query.params()), page), page.limit(),
                c -> Cursor.of(c.updatedAt, c.id), ConversationView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationView get(Actor actor, UUID id) {
        return ConversationView.of(ChatAccess.readable(actor, id));
    }

    @Transactional
    public ConversationView update(Actor actor, UUID id, ConversationUpdate request) {
        Conversation conversation = ChatAccess.writable(actor, id, false);
        ConversationView before = ConversationView.of(conversation);
        if (request.useKnowledge() != null) {
            conversation.useKnowledge = request.useKnowledge();
        }
        if (request.title() != null) {
            conversation.title = request.title();
        }
        if (request.metadata() != null) {
            conversation.metadata = new HashMap<>(request.metadata());
        }
        conversation.touch();
        return changed("conversation.update", before, conversation);
    }

    @Transactional
    public ConversationView archive(Actor actor, UUID id, boolean archive) {
        Conversation conversation = ChatAccess.writable(actor, id, false);
        ConversationStatus target = archive ? ConversationStatus.ARCHIVED : ConversationStatus.ACTIVE;
        if (conversation.status == target) {
            return ConversationView.of(conversation);
        }
        ConversationView before = ConversationView.of(conversation);
        conversation.status = target;
        conversation.archivedAt = archive ? Conversation.now() : null;
        conversation.touch();
        return changed(archive ? "conversation.archive" : "conversation.unarchive", before, conversation);
    }

    /** Soft delete: the rows stay (for an admin's purge or the audit trail) but vanish for the owner. */
    @Transactional
    public void delete(Actor actor, UUID id) {
        Conversation conversation = ChatAccess.writable(actor, id, true);
        ConversationView before = ConversationView.of(conversation);
        conversation.status = ConversationStatus.DELETED;
        conversation.touch();
        changed("conversation.delete", before, conversation);
    }

    /** Hard delete by an admin: messages, citations and feedback go with it; runs stay, unlinked. */
    @Transactional
    public void purge(Actor actor, UUID id) {
        Conversation conversation = Conversation.findById(id);
        if (conversation == null) {
            throw ProblemException.notFound("conversation", id);
        }
        ConversationView before = ConversationView.of(conversation);
        conversation.delete();
        audit.event("conversation.purge").resource("conversation", id).oldValues(before).meta("owner_id", before.userId()).record();
    }

    private ConversationView changed(String action, ConversationView before, Conversation conversation) {
        ConversationView after = ConversationView.of(conversation);
        audit.event(action).resource("conversation", conversation.id).oldValues(before).newValues(after).record();
        return after;
    }
}
