package io.synapse.knowledge.search;

import java.util.List;
import java.util.UUID;

/**
 * A chunk found, with the document it belongs to. score is the reciprocal-rank-fusion score;
 * keyword_rank and vector_rank are the chunk's places in each leg (null when a leg missed it),
 * similarity its cosine similarity to the question when the vector leg found it.
 */
public record SearchHit(long chunkId, UUID documentId, String documentTitle, String documentType, String sourceUri, List<String> tags,
        int ordinal, String heading, String text, int startOffset, int endOffset, Integer pageNumber, int tokenCount, double score,
        Integer keywordRank, Integer vectorRank, Double similarity) {
}
