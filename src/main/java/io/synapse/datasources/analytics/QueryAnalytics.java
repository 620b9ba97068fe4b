package io.synapse.datasources.analytics;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One statement run (or refused) on a user's database (seed 003 query_analytics). Append-only. */
@Entity
@Table(name = "query_analytics")
public class QueryAnalytics extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID userId;

    public UUID apiKeyId;

    public UUID connectionId;

    public UUID templateId;

    public UUID conversationId;

    public UUID messageId;

    public UUID runId;

    /** nl | template | sql */
    public String origin;

    public String question;

    public String sqlHash;

    public String sqlText;

    public Integer durationMs;

    public Integer rowCount;

    public Long bytes;

    public boolean truncated;

    public boolean success;

    public String errorClass;

    public String errorMessage;

    public Integer promptTokens;

    public Integer completionTokens;

    public Integer totalTokens;

    public String llmModel;

    public Instant createdAt;

    @PrePersist
    void onCreate() {
        if (createdAt == null) {
            createdAt = io.synapse.datasources.DatabaseConnection.now();
        }
    }
}
