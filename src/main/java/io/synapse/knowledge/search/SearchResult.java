package io.synapse.knowledge.search;

import java.util.List;

/** degraded says why a leg is missing from a hybrid search (the embedding model failed), else null. */
public record SearchResult(String query, String mode, int k, String vectorStore, String embeddingModel, long tookMs, String degraded,
        List<SearchHit> hits) {
}
