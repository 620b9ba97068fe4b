package io.synapse.knowledge.documents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A document without its text (GET .../content) or chunks (GET .../chunks). */
public record DocumentView(UUID id, UUID ownerId, String title, String type, String sourceUri, String fileName, String mimeType, long fileSize,
        String contentHash, String visibility, String sharedWithRole, List<String> tags, Map<String, Object> metadata, String language, String searchConfig,
        Integer pageCount, String status, String statusReason, int attempts, int chunkCount, String embeddingModel, Integer embeddingDimension,
        Instant indexedAt, Instant createdAt, Instant updatedAt) {

    public static DocumentView of(Document d) {
        return new DocumentView(d.id, d.userId, d.title, d.type, d.sourceUri, d.fileName, d.mimeType, d.fileSize, d.contentHash, d.visibility,
                d.sharedWithRole, List.of(d.tags), d.metadata, d.language, d.searchConfig, d.pageCount, d.status, d.statusReason, d.attempts, d.chunkCount,
                d.embeddingModel, d.embeddingDimension, d.indexedAt, d.createdAt, d.updatedAt);
    }
}
