package io.synapse.knowledge.documents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A document of the knowledge base (seed 004 references). content is the text extraction found;
 * chunks point into it by character offsets. status tracks the indexing job (DocumentIndexer).
 */
@Entity
@Table(name = "documents")
@DynamicUpdate
public class Document extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    public UUID userId;

    /** The owner's API key or issued token that queued the indexing: paid embeddings count against its budget too. */
    public UUID apiKeyId;

    public UUID issuedTokenId;

    public String title;

    public String type = "document";

    public String sourceUri;

    public String fileName;

    public String mimeType;

    public long fileSize;

    public String contentHash;

    public String visibility = "private";

    public String sharedWithRole;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    /** The uploader's text search configuration; null: guessed at indexing. */
    public String language;

    public String content;

    /** The text search configuration the chunks were indexed with. */
    public String searchConfig;

    public Integer pageCount;

    public String status = PENDING;

    public String statusReason;

    public int attempts;

    public Instant leaseUntil;

    public UUID leaseToken;

    public int chunkCount;

    public String embeddingModel;

    public Integer embeddingDimension;

    public Instant indexedAt;

    public Instant createdAt;

    public Instant updatedAt;

    /** Back in the queue: the next free indexer takes it. */
    /**
     * Whose budgets a paid embedding of this document counts against, besides the owner's: the key or
     * token of the owner's own request. Someone else's request (an admin's re-index) adds none.
     */
    public void chargeTo(io.synapse.common.security.Actor actor) {
        boolean own = actor != null && userId != null && userId.equals(actor.userId());
        apiKeyId = own ? actor.apiKeyId() : null;
        issuedTokenId = own ? actor.issuedTokenId() : null;
    }

    public void requeue(String reason) {
        status = PENDING;
        statusReason = reason;
        attempts = 0;
        leaseUntil = null;
        leaseToken = null;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = now();
    }
}
