package io.synapse.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A source an assistant message quotes, anchored to a span of the message's text (seed 002). */
@Entity
@Table(name = "citations")
public class Citation extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID messageId;

    public int sourceIndex;

    public Integer inlineNumber;

    public String sourceName;

    public String sourceUri;

    public Integer pageNumber;

    public String snippet;

    public Double confidence;

    public Integer textStartIndex;

    public Integer textEndIndex;

    /** Set for citations of grounded replies: the document and chunk quoted (null once deleted or re-indexed). */
    public UUID documentId;

    public Long chunkId;

    public Instant createdAt;

    /** Citations of a page of messages in one query (no N+1). */
    public static List<Citation> ofMessages(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return list("messageId in ?1 order by messageId, sourceIndex, id", messageIds);
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = Conversation.now();
    }
}
