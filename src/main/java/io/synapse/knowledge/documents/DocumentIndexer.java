package io.synapse.knowledge.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.common.error.ProblemException;
import io.synapse.knowledge.embedding.EmbeddingFailure;
import io.synapse.knowledge.embedding.EmbeddingSpend;
import io.synapse.knowledge.embedding.Embeddings;
import io.synapse.knowledge.ingest.Chunker;
import io.synapse.knowledge.ingest.ExtractedText;
import io.synapse.knowledge.ingest.ExtractionFailure;
import io.synapse.knowledge.ingest.LanguageGuess;
import io.synapse.knowledge.ingest.TextChunk;
import io.synapse.knowledge.ingest.TextExtractor;
import io.synapse.knowledge.search.ChunkWriter;

/**
 * The indexing job: extraction, chunking and embedding, off every request thread. The queue is
 * the documents table itself. A replica claims one document at a time with FOR UPDATE SKIP
 * LOCKED and a lease it renews after every embedding batch, so replicas never index the same
 * document twice, and a replica that dies (or restarts) leaves a lease that expires: its
 * document is taken up again. New chunks replace the old ones in one transaction, so search
 * sees either index, never half of one. A failed extraction is final (the file is at fault);
 * an embedding outage waits 30 s times the attempt, up to synapse.knowledge.indexing.max-attempts.
 */
@ApplicationScoped
public class DocumentIndexer {

    private static final Logger LOG = Logger.getLogger(DocumentIndexer.class);

    @Inject
    EmbeddingSpend spend;

    @Inject
    KnowledgeConfig config;

    @Inject
    TextExtractor extractor;

    @Inject
    Embeddings embeddings;

    @Inject
    ChunkWriter writer;

    @Inject
    EntityManager em;

    /**
     * Indexing runs for nobody in particular: no request context, identity or transaction goes with
     * it (a drain started by an upload indexes other owners' documents too, whose runs and audit rows
     * must not carry the uploader's name).
     */
    private final ManagedExecutor executor = ManagedExecutor.builder().maxAsync(2).propagated().cleared(ThreadContext.ALL_REMAINING).build();

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private record Claim(UUID id, int attempts, UUID token) {
    }

    /** Left by a lease that could not be renewed: the document was deleted or queued again meanwhile. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!embeddings.available()) {
            // Without a model, vectors already stored are kept for when one returns; nothing to redo.
            LOG.warn("No embedding model: documents are indexed for full-text search only (README: Knowledge)");
            return;
        }
        String model = embeddings.model();
        int dimension = embeddings.dimension();
        int requeued = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE documents SET status = 'pending', status_reason = :reason, attempts = 0, lease_until = NULL, updated_at = now()"
                        + " WHERE status IN ('ready', 'failed') AND chunk_count > 0"
                        + " AND (embedding_model IS DISTINCT FROM :model OR embedding_dimension IS DISTINCT FROM :dim)")
                .setParameter("reason", "embedding model changed to " + model).setParameter("model", model).setParameter("dim", dimension)
                .executeUpdate());
        if (requeued > 0) {
            LOG.infof("The embedding model is now %s: %d documents queued for re-indexing", model, requeued);
        }
    }

    @Scheduled(every = "${synapse.knowledge.indexing.poll}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Starts indexing now on this replica (after an upload) instead of at the next poll. */
    public void wake() {
        again.set(true);
        if (!draining.get()) {
            executor.execute(this::drain);
        }
    }

    void drain() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                for (Claim claim = claim(); claim != null; claim = claim()) {
                    process(claim);
                }
            } while (again.get());
        } catch (RuntimeException e) {
            // The database is gone or refused the claim: the next poll tries again.
            LOG.warnf("Document indexing stopped: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
        // A wake-up that came after the last check and before the flag was cleared: drain again.
        if (again.get() && !draining.get()) {
            executor.execute(this::drain);
        }
    }

    private Claim claim() {
        long leaseSeconds = Math.max(5, config.indexing().lease().toSeconds());
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("UPDATE documents SET status = 'processing', attempts = attempts + 1,"
                    + " lease_until = now() + make_interval(secs => :lease), lease_token = gen_random_uuid(), updated_at = now()"
                    + " WHERE id = (SELECT id FROM documents"
                    + "  WHERE (status = 'pending' AND (lease_until IS NULL OR lease_until < now())) OR (status = 'processing' AND lease_until < now())"
                    + "  ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    + " RETURNING id, attempts, lease_token").setParameter("lease", leaseSeconds).getResultList();
            return rows.isEmpty() ? null : new Claim((UUID) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue(), (UUID) rows.get(0)[2]);
        });
    }

    private record Source(UUID ownerId, UUID apiKeyId, UUID issuedTokenId, String title, String mimeType, String language, byte[] bytes) {
    }

    private void process(Claim claim) {
        if (claim.attempts() > config.indexing().maxAttempts()) {
            finishFailed(claim, "Gave up after " + config.indexing().maxAttempts() + " attempts; POST .../reindex to try again");
            return;
        }
        UUID id = claim.id();
        long start = System.nanoTime();
        try {
            Source source = QuarkusTransaction.requiringNew().call(() -> {
                Document d = Document.findById(id);
                DocumentFile file = DocumentFile.findById(id);
                return d == null || file == null ? null : new Source(d.userId, d.apiKeyId, d.issuedTokenId, d.title, d.mimeType, d.language, file.bytes);
            });
            if (source == null) {
                return;
            }
            ExtractedText text = extractor.extract(source.mimeType(), source.bytes());
            renew(claim);
            String language = source.language() != null ? source.language() : LanguageGuess.of(text.text());
            List<TextChunk> chunks = new Chunker(config.chunking().maxCharacters(), config.chunking().overlap()).split(text);
            renew(claim);
            List<String> inputs = new ArrayList<>(chunks.size());
            for (TextChunk chunk : chunks) {
                // The title and heading travel with each chunk: "Installation" alone says little about which product.
                inputs.add(source.title() + "\n" + (chunk.heading() == null ? "" : chunk.heading() + "\n") + chunk.content());
            }
            String model = embeddings.available() ? embeddings.model() : null;
            int dimension = embeddings.dimension();
            // A paid endpoint is charged to the document's owner, within their budgets.
            List<float[]> vectors = model == null ? null : spend.embedDocument(source.ownerId(), source.apiKeyId(), source.issuedTokenId(), id, claim.token(), inputs,
                    () -> renew(claim));
            QuarkusTransaction.requiringNew().run(() -> store(claim, source, text, language, chunks, vectors, model, dimension));
            LOG.debugf("Indexed document %s: %d chunks in %d ms", id, chunks.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (ExtractionFailure e) {
            finishFailed(claim, e.getMessage());
        } catch (EmbeddingFailure e) {
            retryLater(claim, e.getMessage());
        } catch (ProblemException e) {
            int status = e.problem().status();
            if (status == 429 || status == 422) {
                // The owner's budget would be passed, or could never hold this document: waiting on our side would not help.
                finishFailed(claim, "Not indexed: " + e.getMessage() + "; POST .../reindex once the budget allows");
            } else {
                retryLater(claim, e.getMessage());
            }
        } catch (Abandoned e) {
            LOG.debugf("Document %s changed while it was indexed; its new job will index it", id);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.errorf(e, "Indexing document %s failed", id);
            retryLater(claim, "Internal error while indexing (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void store(Claim claim, Source source, ExtractedText text, String language, List<TextChunk> chunks, List<float[]> vectors, String model,
            int dimension) {
        UUID id = claim.id();
        Document d = em.find(Document.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d != null) {
            em.refresh(d);
        }
        if (d == null || !Document.PROCESSING.equals(d.status) || !claim.token().equals(d.leaseToken)) {
            throw new Abandoned();
        }
        em.createNativeQuery("DELETE FROM document_chunks WHERE document_id = :id").setParameter("id", id).executeUpdate();
        writer.write(id, source.title(), language, chunks, vectors, model, dimension);
        d.content = text.text();
        d.searchConfig = language;
        d.pageCount = text.pageCount();
        d.chunkCount = chunks.size();
        d.embeddingModel = model;
        d.embeddingDimension = model == null ? null : dimension;
        d.status = Document.READY;
        d.statusReason = model == null ? "indexed for full-text search only: no embedding model is configured" : null;
        d.leaseUntil = null;
        d.leaseToken = null;
        d.indexedAt = Document.now();
    }

    private void renew(Claim claim) {
        long leaseSeconds = Math.max(5, config.indexing().lease().toSeconds());
        int renewed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE documents SET lease_until = now() + make_interval(secs => :lease) WHERE id = :id AND lease_token = :token")
                .setParameter("lease", leaseSeconds).setParameter("id", claim.id()).setParameter("token", claim.token()).executeUpdate());
        if (renewed == 0) {
            throw new Abandoned();
        }
    }

    private void finishFailed(Claim claim, String reason) {
        UUID id = claim.id();
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE documents SET status = 'failed', status_reason = :reason, lease_until = NULL, lease_token = NULL, updated_at = now()"
                            + " WHERE id = :id AND lease_token = :token")
                    .setParameter("reason", reason).setParameter("id", id).setParameter("token", claim.token()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark document %s failed (%s); its lease will expire and it will be tried again", id, e.getMessage());
        }
    }

    private void retryLater(Claim claim, String reason) {
        UUID id = claim.id();
        int attempts = claim.attempts();
        if (attempts >= config.indexing().maxAttempts()) {
            finishFailed(claim, reason);
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE documents SET status = 'pending', status_reason = :reason, lease_token = NULL,"
                            + " lease_until = now() + make_interval(secs => :wait), updated_at = now() WHERE id = :id AND lease_token = :token")
                    .setParameter("reason", reason + " (attempt " + attempts + "; retried automatically)")
                    .setParameter("wait", 30L * attempts).setParameter("id", id).setParameter("token", claim.token()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Could not re-queue document %s (%s); its lease will expire and it will be tried again", id, e.getMessage());
        }
    }
}
