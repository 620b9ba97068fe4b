package io.synapse.knowledge.search;

/** A chunk and its cosine similarity to the query. */
public record VectorHit(long chunkId, double similarity) {
}
