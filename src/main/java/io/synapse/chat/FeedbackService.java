package io.synapse.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.telemetry.AuditRecorder;

@ApplicationScoped
public class FeedbackService {

    @Inject
    AuditRecorder audit;

    /** Filters of the managers' list. */
    public record Filter(Rating rating, UUID userId, String model, Instant from, Instant to) {
    }

    /** One rating per user and message: a second PUT replaces the first, also when two race. */
    @Transactional
    public FeedbackView put(Actor actor, UUID messageId, FeedbackInput input) {
        UUID userId = ChatAccess.requireUser(actor);
        Message message = MessageService.readable(actor, messageId);
        requireOwnConversation(message, userId);
        if (message.role != MessageRole.ASSISTANT) {
            throw ProblemException.unprocessable("message_id", "feedback rates assistant messages only");
        }
        FeedbackView before = Feedback.of(messageId, userId).map(existing -> {
            Feedback.getEntityManager().detach(existing);
            return FeedbackView.of(existing);
        }).orElse(null);
        Instant now = Conversation.now();
        UUID id = (UUID) Feedback.getEntityManager().createNativeQuery("""
                INSERT INTO feedback (id, message_id, user_id, rating, comment, created_at, updated_at)
                VALUES (:id, :message, :user, :rating, :comment, :now, :now)
                ON CONFLICT (message_id, user_id)
                DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
                RETURNING id""", UUID.class)
                .setParameter("id", UUID.randomUUID()).setParameter("message", messageId).setParameter("user", userId)
                .setParameter("rating", input.rating().value()).setParameter("comment", input.comment()).setParameter("now", now)
                .getSingleResult();
        FeedbackView after = FeedbackView.of(Feedback.findById(id));
        audit.event(before == null ? "feedback.create" : "feedback.update").resource("feedback", id).oldValues(before).newValues(after).record();
        return after;
    }

    @Transactional
    public void withdraw(Actor actor, UUID messageId) {
        UUID userId = ChatAccess.requireUser(actor);
        requireOwnConversation(MessageService.readable(actor, messageId), userId);
        Feedback feedback = Feedback.of(messageId, userId).orElseThrow(() -> ProblemException.notFound("feedback on message", messageId));
        FeedbackView before = FeedbackView.of(feedback);
        feedback.delete();
        audit.event("feedback.delete").resource("feedback", before.id()).oldValues(before).record();
    }

    /** Admins read every conversation but write only into their own, feedback included (as for messages). */
    private static void requireOwnConversation(Message message, UUID userId) {
        Conversation conversation = Conversation.findById(message.conversationId);
        if (!conversation.userId.equals(userId)) {
            throw ProblemException.forbidden("Only the owner of the conversation can rate its messages");
        }
    }

    /** Everyone's feedback for managers, newest first, with counts over all matching rows. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FeedbackPage list(Filter filter, PageRequest page) {
        KeysetQuery query = KeysetQuery.create();
        Consumer<KeysetQuery> filters = q -> q.eq("rating", filter.rating()).eq("userId", filter.userId())
                .where("messageId in (select m.id from Message m where m.model = :model)", "model", filter.model())
                .where("createdAt >= :from", "from", filter.from()).where("createdAt < :to", "to", filter.to());
        filters.accept(query);
        query.after(page, "createdAt", "id");
        Page<FeedbackView> rows = Page.of(KeysetQuery.fetch(Feedback.<Feedback>find(query.hql(), query.params()), page), page.limit(),
                f -> Cursor.of(f.createdAt, f.id), FeedbackView::of);

        KeysetQuery counting = KeysetQuery.create();
        filters.accept(counting);
        var countQuery = Feedback.getEntityManager()
                .createQuery("select rating, count(*) from Feedback where " + counting.condition() + " group by rating", Object[].class);
        counting.params().forEach(countQuery::setParameter);
        List<Object[]> counts = countQuery.getResultList();
        long up = 0;
        long down = 0;
        for (Object[] row : counts) {
            long n = ((Number) row[1]).longValue();
            if (row[0] == Rating.THUMBS_UP) {
                up = n;
            } else {
                down = n;
            }
        }
        return new FeedbackPage(rows.items(), rows.nextCursor(), new FeedbackPage.Counts(up, down, up + down));
    }
}
