package io.synapse.knowledge.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.synapse.common.security.Actor;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.embedding.EmbeddingFailure;
import io.synapse.knowledge.embedding.Embeddings;

/**
 * Hybrid retrieval: PostgreSQL full-text search and vector similarity, each over the chunks the
 * caller may read, merged by reciprocal rank fusion (score = sum over legs of 1 / (k + rank)),
 * which needs no calibration between a ts_rank and a cosine. The question is embedded before
 * the transaction opens, so no connection waits on the model.
 */
@ApplicationScoped
public class KnowledgeSearch {

    /**
     * Every word of the question, stemmed for English or for Portuguese (each chunk's tsvector
     * holds only its own language's stems, so the other language costs a few index probes).
     */
    static final String ALL_WORDS = "(plainto_tsquery('english', :q) || plainto_tsquery('portuguese', :q))";

    /**
     * Any word: a paraphrased question rarely repeats all of a passage's words. Common words match
     * most chunks, and ranking all of them took seconds over 100,000 chunks, so only a bounded
     * set of matches is ranked (synapse.knowledge.search.keyword-candidates).
     */
    static final String ANY_WORD = "(replace(plainto_tsquery('english', :q)::text, '&', '|')::tsquery"
            + " || replace(plainto_tsquery('portuguese', :q)::text, '&', '|')::tsquery)";

    @Inject
    Embeddings embeddings;

    @Inject
    io.synapse.knowledge.embedding.EmbeddingSpend spend;

    @Inject
    VectorStores stores;

    @Inject
    SearchQueries queries;

    public SearchResult search(Actor actor, SearchRequest request) {
        long start = System.nanoTime();
        float[] vector = null;
        String degraded = null;
        if (request.mode() != SearchMode.KEYWORD && !embeddings.available()) {
            if (request.mode() == SearchMode.VECTOR) {
                throw io.synapse.common.error.ProblemException.serviceUnavailable(
                        "No embedding model is configured (SYNAPSE_KNOWLEDGE_EMBEDDINGS_PROVIDER=openai and _BASE_URL): use mode=keyword or hybrid");
            }
            degraded = "keyword results only: no embedding model is configured";
        } else if (request.mode() != SearchMode.KEYWORD) {
            try {
                // A paid endpoint is checked against the caller's budgets first (429 when it would pass one).
                vector = spend.embedQuery(actor, request.q());
            } catch (EmbeddingFailure e) {
                if (request.mode() == SearchMode.VECTOR) {
                    throw io.synapse.common.error.ProblemException.serviceUnavailable("The embedding model is unavailable: " + e.getMessage());
                }
                degraded = "keyword results only: " + e.getMessage();
            }
        }
        List<SearchHit> hits = queries.run(actor, request, vector, embeddings.model(), embeddings.dimension());
        return new SearchResult(request.q(), request.mode().value(), request.k(), stores.active().name(), embeddings.model(),
                (System.nanoTime() - start) / 1_000_000, degraded, hits);
    }

    /** The database half of a search, in one read-only transaction. */
    @ApplicationScoped
    public static class SearchQueries {

        @Inject
        KnowledgeConfig config;

        @Inject
        VectorStores stores;

        @Inject
        EntityManager em;

        @Transactional
        public List<SearchHit> run(Actor actor, SearchRequest request, float[] vector, String model, int dimension) {
            int depth = Math.max(request.k(), config.search().legDepth());
            List<Long> keyword = request.mode() == SearchMode.VECTOR ? List.of() : keyword(actor, request, depth);
            List<VectorHit> nearest = vector == null ? List.of()
                    : stores.active().nearest(em, vector, model, dimension, filter(actor, request), depth);
            Map<Long, double[]> fused = new LinkedHashMap<>();
            Map<Long, Integer> keywordRanks = new HashMap<>();
            Map<Long, Integer> vectorRanks = new HashMap<>();
            Map<Long, Double> similarity = new HashMap<>();
            int k = config.search().rrfK();
            for (int i = 0; i < keyword.size(); i++) {
                keywordRanks.put(keyword.get(i), i + 1);
                fused.computeIfAbsent(keyword.get(i), id -> new double[1])[0] += config.search().keywordWeight() / (k + i + 1);
            }
            for (int i = 0; i < nearest.size(); i++) {
                long id = nearest.get(i).chunkId();
                vectorRanks.put(id, i + 1);
                similarity.put(id, nearest.get(i).similarity());
                fused.computeIfAbsent(id, x -> new double[1])[0] += config.search().vectorWeight() / (k + i + 1);
            }
            List<Long> top = fused.entrySet().stream()
                    .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Double.compare(b.getValue()[0], a.getValue()[0]) : Long.compare(a.getKey(), b.getKey()))
                    .limit(request.k()).map(Map.Entry::getKey).toList();
            if (top.isEmpty()) {
                return List.of();
            }
            Map<Long, Object[]> rows = rows(actor, request, top);
            List<SearchHit> hits = new ArrayList<>(top.size());
            for (Long id : top) {
                Object[] r = rows.get(id);
                if (r == null) {
                    continue; // deleted or re-indexed between the legs and this read
                }
                hits.add(new SearchHit(id, (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], tags(r[5]), ((Number) r[6]).intValue(),
                        (String) r[7], (String) r[8], ((Number) r[9]).intValue(), ((Number) r[10]).intValue(),
                        r[11] == null ? null : ((Number) r[11]).intValue(), ((Number) r[12]).intValue(), fused.get(id)[0], keywordRanks.get(id),
                        vectorRanks.get(id), similarity.get(id)));
            }
            return hits;
        }

        /**
         * Chunks with all the question's words first (usually few, and precise), then chunks with
         * any of them; each kind ranked among its first keyword-candidates matches, which bounds
         * the cost of a question made of common words.
         */
        private List<Long> keyword(Actor actor, SearchRequest request, int depth) {
            ChunkFilter filter = filter(actor, request);
            int candidates = Math.max(depth, config.search().keywordCandidates());
            java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>(ranked(filter, request.q(), ALL_WORDS, depth, candidates));
            if (ids.size() < depth) {
                for (Long id : ranked(filter, request.q(), ANY_WORD, depth, candidates)) {
                    if (ids.size() >= depth) {
                        break;
                    }
                    ids.add(id);
                }
            }
            return new ArrayList<>(ids);
        }

        private List<Long> ranked(ChunkFilter filter, String q, String tsquery, int depth, int candidates) {
            // Tried: searching the index once into a materialised CTE before the join. In psql it beat this plan
            // (0.23 s against 1.3 s for one all-words question), but through the API over 100,000 chunks it was
            // slower (keyword p50 1.79 s against 1.24 s), so the planner keeps its choice. README: Knowledge.
            String matches = "SELECT c.id, c.search FROM document_chunks c JOIN documents d ON d.id = c.document_id"
                    + " WHERE c.search @@ " + tsquery + " AND " + filter.sql() + " LIMIT :candidates";
            String sql = "SELECT m.id FROM (" + matches + ") m ORDER BY ts_rank_cd(m.search, " + tsquery + ") DESC, m.id LIMIT :depth";
            @SuppressWarnings("unchecked")
            List<Number> ids = filter.bind(em.createNativeQuery(sql)).setParameter("q", q).setParameter("depth", depth)
                    .setParameter("candidates", candidates).getResultList();
            return ids.stream().map(Number::longValue).toList();
        }

        private Map<Long, Object[]> rows(Actor actor, SearchRequest request, List<Long> ids) {
            ChunkFilter filter = filter(actor, request);
            // Read again through the same filter: a document made private since the legs ran drops out here.
            String sql = "SELECT c.id, d.id AS document_id, d.title, d.type, d.source_uri, d.tags, c.ordinal, c.heading, c.content,"
                    + " c.start_offset, c.end_offset, c.page_number, c.token_count FROM document_chunks c JOIN documents d ON d.id = c.document_id"
                    + " WHERE c.id IN (:ids) AND " + filter.sql();
            @SuppressWarnings("unchecked")
            List<Object[]> list = filter.bind(em.createNativeQuery(sql)).setParameter("ids", ids).getResultList();
            Map<Long, Object[]> rows = new HashMap<>();
            for (Object[] r : list) {
                rows.put(((Number) r[0]).longValue(), r);
            }
            return rows;
        }

        private static ChunkFilter filter(Actor actor, SearchRequest request) {
            return ChunkFilter.readableBy(actor).document(request.documentId()).owner(request.ownerId()).tag(request.tag()).type(request.type())
                    .visibility(request.visibility());
        }

        private static List<String> tags(Object value) {
            if (value instanceof String[] array) {
                return Arrays.asList(array);
            }
            if (value instanceof Object[] array) {
                return Arrays.stream(array).map(String::valueOf).toList();
            }
            return List.of();
        }
    }
}
