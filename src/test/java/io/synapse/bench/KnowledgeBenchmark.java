package io.synapse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.knowledge.documents.Document;
import io.synapse.knowledge.embedding.Embedder;
import io.synapse.knowledge.embedding.Embeddings;
import io.synapse.knowledge.ingest.TextChunk;
import io.synapse.knowledge.search.ChunkWriter;
import io.synapse.support.Api;

/**
 * Issue 11's figures, printed, never asserted: ingestion with the in-process model (the model
 * alone, and upload to ready through the API), then search over 100,000 chunks with the array
 * store (stock PostgreSQL): latency p50/p95 per mode through the API, the memory the chunks take,
 * and how far the sign-bit short list is from an exact scan. Run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups=none -Dtest=KnowledgeBenchmark}
 * (src/bench/knowledge.sh). Its documents are deleted at the end.
 */
@QuarkusTest
@Tag("benchmark")
class KnowledgeBenchmark {

    private static final String[] WORDS = ("pump valve boiler radiator filter pressure flow pipe sensor meter invoice client order tax "
            + "freight warehouse pallet stock forklift route driver truck contract supplier price discount margin budget forecast "
            + "server cluster node backup restore latency query index cache token model prompt vector batch queue lease replica "
            + "sourdough flour yeast oven garden soil compost seed harvest irrigation greenhouse tomato pruning vine cellar barrel "
            + "policy audit compliance privacy consent retention archive label badge visitor office desk meeting agenda minutes").split(" ");
    private static final int CHUNKS = Integer.getInteger("bench.chunks", 100_000);

    @Inject
    Embeddings embeddings;

    @Inject
    ChunkWriter writer;

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append('.').toString();
    }

    private static String paragraphs(Random random, int count) {
        StringBuilder text = new StringBuilder("# Generated handbook\n\n");
        for (int p = 0; p < count; p++) {
            for (int s = 0; s < 8; s++) {
                text.append(sentence(random, 12)).append(' ');
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    @Test
    void ingestionAndSearchAtOneHundredThousandChunks() throws Exception {
        Random random = new Random(11);
        Api.Login owner = Api.user("viewer");

        // 1. The model alone: 2,000 chunk-sized texts in batches of 32.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            texts.add(sentence(random, 110));
        }
        String rssBefore = status("VmRSS:");
        long load = System.nanoTime();
        embeddings.embedAll(texts.subList(0, 64), () -> { });
        System.out.printf("BENCH in-process model first use (load + 64 texts): %.1f s; process RSS %s before, %s after%n",
                (System.nanoTime() - load) / 1e9, rssBefore, status("VmRSS:"));
        long start = System.nanoTime();
        List<float[]> vectors = embeddings.embedAll(texts, () -> { });
        double modelRate = texts.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("BENCH in-process model %s: %.0f chunks/s (2,000 texts of about 110 words, batches of 32)%n", embeddings.model(), modelRate);

        // 2. Upload to ready through the API: 20 documents of 40 paragraphs each.
        List<UUID> uploaded = new ArrayList<>();
        start = System.nanoTime();
        for (int d = 0; d < 20; d++) {
            uploaded.add(UUID.fromString(owner.as().contentType("text/markdown").body(paragraphs(random, 40)).post("/api/knowledge/documents")
                    .then().statusCode(202).extract().path("id")));
        }
        int chunks = 0;
        for (UUID id : uploaded) {
            String status;
            do {
                Thread.sleep(50);
                status = owner.as().get("/api/knowledge/documents/" + id).then().extract().path("status");
            } while (status.equals("pending") || status.equals("processing"));
            chunks += owner.as().get("/api/knowledge/documents/" + id).then().extract().<Integer>path("chunk_count");
        }
        double apiSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH upload to ready: %d documents, %d chunks in %.1f s: %.0f chunks/s (extraction, chunking, embedding, writing)%n",
                uploaded.size(), chunks, apiSeconds, chunks / apiSeconds);

        // 3. 100,000 chunks: texts from the vocabulary, vectors mixed from the real ones (pairs plus noise), written as the indexer writes.
        List<UUID> bulk = new ArrayList<>();
        long sizeBefore = relationBytes();
        start = System.nanoTime();
        int perDocument = 1_000;
        for (int d = 0; d * perDocument < CHUNKS; d++) {
            UUID id = QuarkusTransaction.requiringNew().call(() -> {
                Document doc = new Document();
                doc.userId = owner.id();
                doc.title = "Bench " + UUID.randomUUID();
                doc.mimeType = "text/plain";
                doc.contentHash = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
                doc.status = Document.READY;
                doc.persist();
                return doc.id;
            });
            bulk.add(id);
            List<TextChunk> part = new ArrayList<>(perDocument);
            List<float[]> partVectors = new ArrayList<>(perDocument);
            for (int i = 0; i < perDocument; i++) {
                String text = sentence(random, 110);
                part.add(new TextChunk(i, null, 0, text.length(), text, null));
                float[] a = vectors.get(random.nextInt(vectors.size()));
                float[] b = vectors.get(random.nextInt(vectors.size()));
                float[] v = new float[a.length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = 0.7f * a[j] + 0.3f * b[j] + (float) (random.nextGaussian() * 0.02);
                }
                partVectors.add(Embedder.normalised(v));
            }
            String model = embeddings.model();
            int dimension = embeddings.dimension();
            QuarkusTransaction.requiringNew().run(() -> writer.write(id, "Bench", "english", part, partVectors, model, dimension));
        }
        QuarkusTransaction.requiringNew().run(() -> Document.getEntityManager().createNativeQuery("ANALYZE document_chunks").executeUpdate());
        System.out.printf("BENCH wrote %,d chunks in %.1f s; document_chunks with its indexes and TOAST grew by %,d MiB (%.1f KiB a chunk)%n", CHUNKS,
                (System.nanoTime() - start) / 1e9, (relationBytes() - sizeBefore) >> 20, (relationBytes() - sizeBefore) / 1024.0 / CHUNKS);

        // 4. Latency through the API, per mode, 200 questions each after 20 warm-up ones.
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        for (String mode : List.of("hybrid", "vector", "keyword")) {
            for (int i = 0; i < 20; i++) {
                owner.as().queryParam("q", sentence(random, 8)).queryParam("mode", mode).queryParam("owner_id", "me").get("/api/knowledge/search");
            }
            long[] took = new long[Integer.getInteger("bench.queries", 200)];
            for (int i = 0; i < took.length; i++) {
                String q = sentence(random, 8);
                long t = System.nanoTime();
                owner.as().queryParam("q", q).queryParam("mode", mode).queryParam("owner_id", "me").get("/api/knowledge/search").then().statusCode(200);
                took[i] = System.nanoTime() - t;
            }
            Arrays.sort(took);
            System.out.printf("BENCH search over %,d chunks, mode=%s: p50 %.1f ms, p95 %.1f ms (through the API, the question embedded each time)%n",
                    CHUNKS + chunks, mode, took[took.length / 2] / 1e6, took[took.length * 95 / 100] / 1e6);
        }
        System.out.printf("BENCH JVM heap in use after the searches: %d MiB (before: %d MiB); max RSS so far %s%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, heapBefore >> 20, maxRss());

        // 5. The short list against an exact scan: overlap of the top 10 over 20 questions.
        double overlap = 0;
        long exactNanos = 0;
        int compared = Integer.getInteger("bench.exact", 20);
        for (int i = 0; i < compared; i++) {
            float[] q = embeddings.embedOne(sentence(random, 8));
            String literal = io.synapse.knowledge.search.VectorStore.arrayLiteral(q, '{', '}');
            long t = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<Number> exact = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager().createNativeQuery(
                    "SELECT c.id FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE d.user_id = ?1 AND c.embedding_model = ?2"
                            + " ORDER BY knowledge_dot(c.embedding, CAST(?3 AS real[])) DESC LIMIT 10")
                    .setParameter(1, owner.id()).setParameter(2, embeddings.model()).setParameter(3, literal).getResultList());
            exactNanos += System.nanoTime() - t;
            @SuppressWarnings("unchecked")
            List<Number> shortList = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager().createNativeQuery(
                    "SELECT s.id FROM (SELECT c.id, c.embedding FROM document_chunks c JOIN documents d ON d.id = c.document_id"
                            + " WHERE d.user_id = ?1 AND c.embedding_model = ?2 ORDER BY bit_count(c.embedding_signature # CAST(?4 AS varbit)), c.id LIMIT 400) s"
                            + " ORDER BY knowledge_dot(s.embedding, CAST(?3 AS real[])) DESC LIMIT 10")
                    .setParameter(1, owner.id()).setParameter(2, embeddings.model()).setParameter(3, literal)
                    .setParameter(4, io.synapse.knowledge.search.VectorStore.signature(q)).getResultList());
            List<Long> e = exact.stream().map(Number::longValue).toList();
            overlap += shortList.stream().map(Number::longValue).filter(e::contains).count() / 10.0;
        }
        System.out.printf("BENCH short list (400 by sign bits) vs exact scan: top-10 overlap %.2f over %d questions; an exact scan took %.0f ms each%n",
                overlap / compared, compared, exactNanos / compared / 1e6);

        for (UUID id : bulk) {
            QuarkusTransaction.requiringNew().run(() -> Document.deleteById(id));
        }
        for (UUID id : uploaded) {
            owner.as().delete("/api/knowledge/documents/" + id).then().statusCode(204);
        }
    }

    private static long relationBytes() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Document.getEntityManager()
                .createNativeQuery("SELECT pg_total_relation_size('document_chunks')").getSingleResult()).longValue());
    }

    private static String maxRss() {
        return status("VmHWM:");
    }

    private static String status(String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return line.substring(field.length()).trim();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return "unknown";
    }
}
