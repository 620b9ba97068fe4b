package io.synapse.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.synapse.common.security.Actor;

/** Whole conversations as JSON or Markdown, read in batches so a long one costs a few queries per thousand messages. */
@ApplicationScoped
public class ConversationExporter {

    private static final int BATCH = 1000;

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationExport json(Actor actor, UUID id) {
        Conversation conversation = ChatAccess.readable(actor, id);
        return new ConversationExport(ConversationView.of(conversation), messages(conversation.id, actor.userId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String markdown(Actor actor, UUID id) {
        ConversationExport export = json(actor, id);
        ConversationView c = export.conversation();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.title() == null || c.title().isBlank() ? "Conversation " + c.id() : oneLine(c.title())).append("\n\n");
        md.append("- id: ").append(c.id()).append('\n');
        md.append("- status: ").append(c.status().value()).append('\n');
        md.append("- created: ").append(c.createdAt()).append('\n');
        md.append("- messages: ").append(c.messageCount()).append("\n\n");
        for (MessageView m : export.messages()) {
            md.append("## ").append(m.sequenceNumber()).append(". ").append(m.role().value());
            if (m.model() != null) {
                md.append(" (").append(oneLine(m.model())).append(')');
            }
            md.append(" · ").append(m.createdAt()).append("\n\n");
            md.append(m.content()).append("\n\n");
            if (m.sqlQuery() != null) {
                md.append("```sql\n").append(m.sqlQuery().replace("```", "` ` `")).append("\n```\n\n");
            }
            if (m.errorMessage() != null) {
                md.append("> Error: ").append(oneLine(m.errorMessage())).append("\n\n");
            }
            for (CitationView citation : m.citations()) {
                md.append("[^").append(m.sequenceNumber()).append('-')
                        .append(citation.inlineNumber() != null ? citation.inlineNumber() : citation.sourceIndex()).append("]: ")
                        .append(citation.sourceName() == null ? "source " + citation.sourceIndex() : oneLine(citation.sourceName()));
                if (citation.pageNumber() != null) {
                    md.append(", p. ").append(citation.pageNumber());
                }
                if (citation.sourceUri() != null) {
                    md.append(" <").append(oneLine(citation.sourceUri())).append('>');
                }
                if (citation.snippet() != null) {
                    md.append(" — \"").append(oneLine(citation.snippet())).append('"');
                }
                md.append('\n');
            }
            if (!m.citations().isEmpty()) {
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static List<MessageView> messages(UUID conversationId, UUID viewer) {
        List<MessageView> all = new ArrayList<>();
        int after = 0;
        while (true) {
            List<Message> batch = Message.<Message>find("conversationId = ?1 and sequenceNumber > ?2 order by sequenceNumber", conversationId, after)
                    .page(0, BATCH).list();
            if (batch.isEmpty()) {
                return all;
            }
            Map<UUID, MessageView> views = MessageService.views(batch, viewer);
            batch.forEach(m -> all.add(views.get(m.id)));
            after = batch.get(batch.size() - 1).sequenceNumber;
            Message.getEntityManager().clear();
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
