package io.synapse.knowledge.search;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Vector search with pgvector (https://github.com/pgvector/pgvector), the only place its SQL
 * lives. Chunks of every model share one untyped vector column; each dimension in use gets its
 * own partial HNSW index on an expression cast to vector(n), and queries repeat that cast and
 * that predicate so the planner picks the index (pgvector README: "Can I store vectors with
 * different dimensions in the same column?"). Cosine distance (<=>, vector_cosine_ops) on unit
 * vectors. Filters are applied while the index is scanned with iterative scans (pgvector 0.8:
 * hnsw.iterative_scan = relaxed_order; before 0.8 the setting does not exist and is not sent, and
 * a very selective filter may then return fewer rows than asked), and the final order is restored here.
 */
@ApplicationScoped
public class PgVectorStore implements VectorStore {

    @Override
    public String name() {
        return "pgvector";
    }

    @Override
    public String extraColumns() {
        return ", embedding_vector";
    }

    @Override
    public String extraValues() {
        return ", CAST(? AS vector)";
    }

    /** Iterative index scans came with pgvector 0.8; before it, the hnsw.* names are reserved and setting one is an error. */
    private volatile boolean iterativeScan;

    /** Run once at start-up, in a transaction, after the extension is known to be installed. */
    void prepare(EntityManager em, int dimension) {
        String version = (String) em.createNativeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'").getSingleResult();
        String[] parts = version.split("\\.");
        iterativeScan = Integer.parseInt(parts[0]) > 0 || parts.length > 1 && Integer.parseInt(parts[1].replaceAll("\\D.*", "")) >= 8;
        em.createNativeQuery("ALTER TABLE document_chunks ADD COLUMN IF NOT EXISTS embedding_vector vector").executeUpdate();
        // Chunks embedded while the database had no pgvector: their arrays become vectors (pgvector casts real[]).
        em.createNativeQuery("UPDATE document_chunks SET embedding_vector = CAST(embedding AS vector)"
                + " WHERE embedding IS NOT NULL AND embedding_vector IS NULL").executeUpdate();
        em.createNativeQuery("CREATE INDEX IF NOT EXISTS document_chunks_hnsw_" + dimension + " ON document_chunks USING hnsw"
                + " ((embedding_vector::vector(" + dimension + ")) vector_cosine_ops) WHERE embedding_dimension = " + dimension).executeUpdate();
    }

    @Override
    public List<VectorHit> nearest(EntityManager em, float[] query, String model, int dimension, ChunkFilter filter, int depth) {
        em.createNativeQuery("SELECT set_config('hnsw.ef_search', :ef, true)").setParameter("ef", Integer.toString(Math.max(40, depth * 2)))
                .getResultList();
        if (iterativeScan) {
            em.createNativeQuery("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)").getResultList();
        }
        // The dimension is an int from configuration, never input: it may be written into the statement, as the cast needs a literal.
        String typed = "vector(" + dimension + ")";
        String sql = "SELECT c.id, 1 - (c.embedding_vector::" + typed + " <=> CAST(:q AS " + typed + ")) AS similarity"
                + " FROM document_chunks c JOIN documents d ON d.id = c.document_id"
                + " WHERE c.embedding_dimension = " + dimension + " AND c.embedding_model = :model AND " + filter.sql()
                + " ORDER BY c.embedding_vector::" + typed + " <=> CAST(:q AS " + typed + ") LIMIT :depth";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filter.bind(em.createNativeQuery(sql))
                .setParameter("q", VectorStore.arrayLiteral(query, '[', ']'))
                .setParameter("model", model)
                .setParameter("depth", depth)
                .getResultList();
        List<VectorHit> hits = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            hits.add(new VectorHit(((Number) row[0]).longValue(), ((Number) row[1]).doubleValue()));
        }
        hits.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return hits;
    }
}
