package io.synapse.knowledge.embedding;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synapse.knowledge.KnowledgeConfig;

/** The embedding model in use (synapse.knowledge.embeddings.provider), batched. */
@ApplicationScoped
public class Embeddings {

    @Inject
    KnowledgeConfig config;

    @Inject
    LocalEmbedder local;

    @Inject
    RemoteEmbedder remote;

    public Embedder active() {
        return config.embeddings().provider() == KnowledgeConfig.Provider.OPENAI ? remote : local;
    }

    public String model() {
        return active().model();
    }

    public int dimension() {
        return active().dimension();
    }

    public float[] embedOne(String text) throws EmbeddingFailure {
        return active().embed(List.of(text)).get(0);
    }

    /** In batches of synapse.knowledge.embeddings.batch-size; after each batch, progress is told (the indexer renews its lease there). */
    public List<float[]> embedAll(List<String> texts, Runnable progress) throws EmbeddingFailure {
        Embedder embedder = active();
        int batch = Math.max(1, config.embeddings().batchSize());
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batch) {
            List<float[]> part = embedder.embed(texts.subList(from, Math.min(texts.size(), from + batch)));
            vectors.addAll(part);
            progress.run();
        }
        return vectors;
    }
}
