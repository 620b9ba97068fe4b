package io.synapse.chat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A chat thread owned by one user (seed 002 conversations, 003 chat_sessions, 004 threads). */
@Entity
@Table(name = "conversations")
public class Conversation extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID userId;

    public String title;

    public ConversationStatus status = ConversationStatus.ACTIVE;

    public Instant archivedAt;

    public Instant lastMessageAt;

    public int messageCount;

    public Instant createdAt;

    public Instant updatedAt;

    /** The registered database the conversation asks about (seed 003 chat_sessions), if any. */
    public UUID connectionId;

    /** Generated replies are grounded in the knowledge base unless a message says otherwise. */
    public boolean useKnowledge;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    /** Loads the row with a row lock held until commit: appenders to one conversation queue here. */
    public static Conversation findForAppend(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean isDeleted() {
        return status == ConversationStatus.DELETED;
    }

    /** The next sequence number; callers hold the row lock, which is what makes it unique. */
    public int nextSequence(Instant at) {
        messageCount++;
        lastMessageAt = at;
        updatedAt = at;
        return messageCount;
    }

    public void touch() {
        updatedAt = now();
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = now();
        updatedAt = createdAt;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
