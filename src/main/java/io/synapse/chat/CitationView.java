package io.synapse.chat;

import java.util.UUID;

public record CitationView(UUID id, int sourceIndex, Integer inlineNumber, String sourceName, String sourceUri, Integer pageNumber,
        String snippet, Double confidence, Integer textStartIndex, Integer textEndIndex, UUID documentId, Long chunkId) {

    public static CitationView of(Citation c) {
        return new CitationView(c.id, c.sourceIndex, c.inlineNumber, c.sourceName, c.sourceUri, c.pageNumber, c.snippet, c.confidence,
                c.textStartIndex, c.textEndIndex, c.documentId, c.chunkId);
    }
}
