package io.synapse.chat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One turn of a conversation, numbered 1, 2, 3... within it. Append-only. */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID conversationId;

    public int sequenceNumber;

    public MessageRole role;

    public String content;

    public String model;

    public Integer tokensUsed;

    public String sqlQuery;

    @JdbcTypeCode(SqlTypes.JSON)
    public Object queryResult;

    public Integer executionTimeMs;

    public String errorMessage;

    public Instant createdAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        if (createdAt == null) {
            createdAt = Conversation.now();
        }
    }
}
