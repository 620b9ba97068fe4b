package io.synapse.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
public class MessageService {

    @Inject
    AuditRecorder audit;

    @Transactional
    public MessageView append(Actor actor, UUID conversationId, MessageCreate request) {
        Message message = appendRow(actor, conversationId, request);
        return MessageView.of(message, citationViews(Citation.ofMessages(List.of(message.id))), null);
    }

    /**
     * Appends in the caller's transaction. The conversation's row lock serialises appenders, so
     * sequence numbers, message_count and last_message_at stay exact under concurrency.
     */
    Message appendRow(Actor actor, UUID conversationId, MessageCreate request) {
        MessageRules.check(request);
        Conversation conversation = ChatAccess.writable(actor, conversationId, true);
        if (conversation.status == ConversationStatus.ARCHIVED) {
            throw ProblemException.conflict("conversation " + conversationId + " is archived; unarchive it to add messages");
        }
        Message message = new Message();
        message.createdAt = Conversation.now();
        message.sequenceNumber = conversation.nextSequence(message.createdAt);
        message.conversationId = conversation.id;
        message.role = request.role();
        message.content = request.content();
        message.model = request.model();
        message.tokensUsed = request.tokensUsed();
        message.sqlQuery = request.sqlQuery();
        message.queryResult = request.queryResult();
        message.executionTimeMs = request.executionTimeMs();
        message.errorMessage = request.errorMessage();
        if (request.metadata() != null) {
            message.metadata = new HashMap<>(request.metadata());
        }
        message.persist();
        if (request.citations() != null) {
            for (CitationInput input : request.citations()) {
                citation(message.id, input).persist();
            }
        }
        audit.event("message.create").resource("message", message.id).meta("conversation_id", conversation.id)
                .meta("sequence_number", message.sequenceNumber).meta("role", message.role.value())
                .meta("citations", request.citations() == null ? 0 : request.citations().size()).record();
        return message;
    }

    /** Oldest first, keyset on sequence_number, each with its citations and the caller's feedback. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MessageView> list(Actor actor, UUID conversationId, PageRequest page) {
        ChatAccess.readable(actor, conversationId);
        KeysetQuery query = KeysetQuery.create().eq("conversationId", conversationId)
                .ascendingAfter(page, "sequenceNumber", v -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        List<Message> rows = KeysetQuery.fetch(Message.<Message>find(query.hql(), query.params()), page);
        Map<UUID, MessageView> views = views(rows, actor.userId());
        return Page.of(rows, page.limit(), m -> Cursor.of(m.sequenceNumber), m -> views.get(m.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MessageView get(Actor actor, UUID id) {
        Message message = readable(actor, id);
        return views(List.of(message), actor.userId()).get(message.id);
    }

    /** A message the caller may read: its conversation decides. Anything else is 404 "message". */
    static Message readable(Actor actor, UUID id) {
        Message message = Message.findById(id);
        if (message != null) {
            try {
                ChatAccess.readable(actor, message.conversationId);
                return message;
            } catch (ProblemException e) {
                // fall through: a message in a conversation the caller cannot see does not exist for them
            }
        }
        throw ProblemException.notFound("message", id);
    }

    /** Views of a batch of messages with two queries in all (citations, the viewer's feedback). */
    static Map<UUID, MessageView> views(List<Message> messages, UUID viewer) {
        List<UUID> ids = messages.stream().map(m -> m.id).toList();
        Map<UUID, List<CitationView>> citations = Citation.ofMessages(ids).stream()
                .collect(Collectors.groupingBy(c -> c.messageId, Collectors.mapping(CitationView::of, Collectors.toList())));
        Map<UUID, FeedbackView> feedback = Feedback.ofUser(ids, viewer).stream().collect(Collectors.toMap(f -> f.messageId, FeedbackView::of));
        Map<UUID, MessageView> views = new HashMap<>();
        for (Message m : messages) {
            views.put(m.id, MessageView.of(m, citations.getOrDefault(m.id, List.of()), feedback.get(m.id)));
        }
        return views;
    }

    static List<CitationView> citationViews(List<Citation> citations) {
        return citations.stream().map(CitationView::of).toList();
    }

    private static Citation citation(UUID messageId, CitationInput input) {
        Citation c = new Citation();
        c.messageId = messageId;
        c.sourceIndex = input.sourceIndex();
        c.inlineNumber = input.inlineNumber();
        c.sourceName = input.sourceName();
        c.sourceUri = input.sourceUri();
        c.pageNumber = input.pageNumber();
        c.snippet = input.snippet();
        c.confidence = input.confidence();
        c.textStartIndex = input.textStartIndex();
        c.textEndIndex = input.textEndIndex();
        return c;
    }
}
