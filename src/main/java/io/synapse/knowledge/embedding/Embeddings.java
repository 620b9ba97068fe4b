package io.synapse.knowledge.embedding;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.synapse.knowledge.KnowledgeConfig;

/**
 * The embedding model in use (synapse.knowledge.embeddings.provider), batched. With the local
 * provider in a build without the in-process model (the native image), there is none: documents
 * are indexed for full-text search only and searches use that leg alone, until an endpoint is
 * configured (start-up then re-indexes them with vectors).
 */
@ApplicationScoped
public class Embeddings {

    public static final String NONE = "none";

    @Inject
    KnowledgeConfig config;

    @Inject
    Instance<LocalEmbedder> local;

    @Inject
    RemoteEmbedder remote;

    /** The embedder, or null when this build has none configured. */
    public Embedder active() {
        if (config.embeddings().provider() == KnowledgeConfig.Provider.OPENAI) {
            return remote;
        }
        return local.isResolvable() ? local.get() : null;
    }

    public boolean available() {
        return active() != null;
    }

    /** Whether the model in use costs money per call (an endpoint, not the in-process model). */
    public boolean paid() {
        Embedder e = active();
        return e != null && e.paid();
    }

    public String model() {
        Embedder e = active();
        return e == null ? NONE : e.model();
    }

    public int dimension() {
        Embedder e = active();
        return e == null ? 0 : e.dimension();
    }

    public float[] embedOne(String text) throws EmbeddingFailure {
        return required().embed(List.of(text)).get(0);
    }

    public Embedder.Batch embedOneCounted(String text) throws EmbeddingFailure {
        return required().embedCounted(List.of(text));
    }

    private Embedder required() throws EmbeddingFailure {
        Embedder e = active();
        if (e == null) {
            throw new EmbeddingFailure("no embedding model in this build (the native image has no in-process model):"
                    + " set SYNAPSE_KNOWLEDGE_EMBEDDINGS_PROVIDER=openai and _BASE_URL");
        }
        return e;
    }

    /** In batches of synapse.knowledge.embeddings.batch-size; after each batch, progress is told (the indexer renews its lease there). */
    public List<float[]> embedAll(List<String> texts, Runnable progress) throws EmbeddingFailure {
        return embedAllCounted(texts, progress).vectors();
    }

    /** As {@link #embedAll}, with the tokens the model counted over all batches (null when any batch did not say). */
    public Embedder.Batch embedAllCounted(List<String> texts, Runnable progress) throws EmbeddingFailure {
        Embedder embedder = required();
        int batch = Math.max(1, config.embeddings().batchSize());
        List<float[]> vectors = new ArrayList<>(texts.size());
        Integer tokens = 0;
        for (int from = 0; from < texts.size(); from += batch) {
            Embedder.Batch part;
            try {
                part = embedder.embedCounted(texts.subList(from, Math.min(texts.size(), from + batch)));
            } catch (EmbeddingFailure failure) {
                if (from == 0) {
                    throw failure;
                }
                // The batches before this one were embedded, and paid for: the failure says how much.
                int spent = tokens != null ? tokens : io.synapse.budgets.BudgetEstimates.textTokens(texts.subList(0, from));
                throw new EmbeddingFailure(failure.getMessage() + " (after " + from + " of " + texts.size() + " texts)", "provider_partial", spent);
            }
            vectors.addAll(part.vectors());
            tokens = tokens == null || part.tokens() == null ? null : tokens + part.tokens();
            progress.run();
        }
        return new Embedder.Batch(vectors, tokens);
    }
}
