package io.synapse.knowledge.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.embedding.Embeddings;

/**
 * Chooses the vector store once, at start-up (synapse.knowledge.search.vector-store): pgvector
 * when the database has the extension or lets us create it, arrays otherwise. Health reports the
 * choice (KnowledgeHealth).
 */
@ApplicationScoped
public class VectorStores {

    private static final Logger LOG = Logger.getLogger(VectorStores.class);

    @Inject
    KnowledgeConfig config;

    @Inject
    ArrayVectorStore arrays;

    @Inject
    PgVectorStore pgvector;

    @Inject
    Embeddings embeddings;

    @Inject
    EntityManager em;

    private volatile VectorStore active;

    void onStart(@Observes StartupEvent event) {
        active();
    }

    public VectorStore active() {
        VectorStore store = active;
        if (store == null) {
            synchronized (this) {
                if (active == null) {
                    active = choose();
                }
                store = active;
            }
        }
        return store;
    }

    private VectorStore choose() {
        KnowledgeConfig.VectorStoreKind kind = config.search().vectorStore();
        if (kind == KnowledgeConfig.VectorStoreKind.ARRAY) {
            return arrays;
        }
        boolean installed = extensionInstalled() || kind != KnowledgeConfig.VectorStoreKind.ARRAY && tryCreateExtension();
        if (!installed) {
            if (kind == KnowledgeConfig.VectorStoreKind.PGVECTOR) {
                throw new IllegalStateException("synapse.knowledge.search.vector-store=pgvector, but the database has no pgvector extension"
                        + " and this login may not create it: run CREATE EXTENSION vector as its owner, or set the store to auto");
            }
            LOG.info("Knowledge vectors: stock PostgreSQL arrays (no pgvector extension available)");
            return arrays;
        }
        int dimension = embeddings.dimension();
        if (dimension == 0) {
            LOG.info("Knowledge vectors: pgvector, no embedding model yet");
            return pgvector;
        }
        QuarkusTransaction.requiringNew().run(() -> pgvector.prepare(em, dimension));
        LOG.infof("Knowledge vectors: pgvector, HNSW index for %d dimensions", dimension);
        return pgvector;
    }

    private boolean extensionInstalled() {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM pg_extension WHERE extname = 'vector'")
                .getResultList().isEmpty());
    }

    private boolean tryCreateExtension() {
        boolean available = QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").getResultList().isEmpty());
        if (!available) {
            return false;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("CREATE EXTENSION IF NOT EXISTS vector").executeUpdate());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("pgvector is available but could not be created (%s); using arrays", e.getMessage());
            return false;
        }
    }
}
