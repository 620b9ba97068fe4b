package io.synapse.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.synapse.knowledge.embedding.Embeddings;
import io.synapse.knowledge.search.VectorStores;

/**
 * Reports how knowledge search runs here: the vector store chosen at start-up (pgvector or
 * array) and the embedding model. Always up: without embeddings, search still answers from
 * full-text search, so this never takes a replica out of service.
 */
@Readiness
@ApplicationScoped
public class KnowledgeHealth implements HealthCheck {

    @Inject
    VectorStores stores;

    @Inject
    Embeddings embeddings;

    @Inject
    KnowledgeConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("knowledge").up()
                .withData("vector_store", stores.active().name())
                .withData("embedding_provider", config.embeddings().provider().name().toLowerCase(java.util.Locale.ROOT))
                .withData("embedding_model", embeddings.model())
                .withData("embedding_dimension", embeddings.dimension())
                .withData("pdf", io.synapse.knowledge.ingest.MediaTypes.pdfSupported())
                .build();
    }
}
