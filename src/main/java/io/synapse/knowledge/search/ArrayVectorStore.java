package io.synapse.knowledge.search;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.synapse.knowledge.KnowledgeConfig;

/**
 * Vector search on stock PostgreSQL (no pgvector): real[] embeddings with their sign bits beside
 * them. An exact scan in SQL costs about 50 us a chunk (5.4 s over 100,000: README, Knowledge), so
 * it runs in two steps: a short list of synapse.knowledge.search.candidates chunks by Hamming
 * distance of the sign bits (bit_count of an XOR: a C function, about 1 us a chunk), then exact
 * cosine similarity over that list only. Exact whenever the filtered chunks fit in the list.
 */
@ApplicationScoped
public class ArrayVectorStore implements VectorStore {

    @Inject
    KnowledgeConfig config;

    @Override
    public String name() {
        return "array";
    }

    @Override
    public List<VectorHit> nearest(EntityManager em, float[] query, String model, int dimension, ChunkFilter filter, int depth) {
        String sql = "SELECT s.id, knowledge_dot(s.embedding, CAST(:q AS real[])) AS similarity FROM ("
                + " SELECT c.id, c.embedding FROM document_chunks c JOIN documents d ON d.id = c.document_id"
                + " WHERE c.embedding_model = :model AND c.embedding_dimension = :dim AND " + filter.sql()
                + " ORDER BY bit_count(c.embedding_signature # CAST(:sig AS varbit)), c.id LIMIT :candidates) s"
                + " ORDER BY similarity DESC, s.id LIMIT :depth";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filter.bind(em.createNativeQuery(sql))
                .setParameter("q", VectorStore.arrayLiteral(query, '{', '}'))
                .setParameter("sig", VectorStore.signature(query))
                .setParameter("model", model)
                .setParameter("dim", dimension)
                .setParameter("candidates", Math.max(depth, config.search().candidates()))
                .setParameter("depth", depth)
                .getResultList();
        List<VectorHit> hits = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            hits.add(new VectorHit(((Number) row[0]).longValue(), ((Number) row[1]).doubleValue()));
        }
        return hits;
    }
}
