package io.synapse.knowledge;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** synapse.knowledge.*: documents, their indexing, embeddings, search and grounded replies (README: Knowledge). */
@ConfigMapping(prefix = "synapse.knowledge")
public interface KnowledgeConfig {

    Upload upload();

    Indexing indexing();

    Chunking chunking();

    Embeddings embeddings();

    Search search();

    Grounding grounding();

    interface Upload {
        /** The largest file accepted (the request around it may be a little larger: synapse.api.max-upload-size). */
        @WithDefault("20M")
        MemorySize maxSize();

        @WithDefault("2000")
        int maxPages();

        /** Extracted text beyond this fails the document: its chunks would not be searchable in a useful time. */
        @WithDefault("5000000")
        int maxCharacters();
    }

    interface Indexing {
        /** How often each replica looks for documents to index (an upload on this replica starts at once). */
        @WithDefault("2s")
        Duration poll();

        /** A job's lease, renewed after every batch; a replica that dies leaves it to expire and be taken up again. */
        @WithDefault("60s")
        Duration lease();

        /** Attempts before a document is marked failed (a provider outage waits 30 s times the attempt between them). */
        @WithDefault("5")
        int maxAttempts();
    }

    interface Chunking {
        /** Chunks are paragraphs packed up to this size; a longer paragraph is cut between sentences. */
        @WithDefault("1000")
        int maxCharacters();

        /** Characters a cut paragraph's next piece repeats, so that no sentence loses its context. */
        @WithDefault("150")
        int overlap();
    }

    enum Provider {
        /** all-MiniLM-L6-v2 in-process: 384 dimensions, nothing to configure. */
        LOCAL,
        /** An OpenAI-compatible POST {base-url}/embeddings. */
        OPENAI
    }

    interface Embeddings {
        @WithDefault("local")
        Provider provider();

        Optional<String> baseUrl();

        Optional<String> apiKey();

        /** The remote model (seed 004's vectors have 1536 dimensions, as text-embedding-3-small). */
        @WithDefault("text-embedding-3-small")
        String model();

        @WithDefault("1536")
        int dimension();

        @WithDefault("PT30S")
        Duration timeout();

        /** Texts per call, to the in-process model or the endpoint. */
        @WithDefault("32")
        int batchSize();

        /**
         * The endpoint's price per 1,000 input tokens: embedding runs get a cost_estimate and count
         * against cost budgets. Unset: they count tokens only.
         */
        @io.smallrye.config.WithName("cost-per-1k")
        Optional<java.math.BigDecimal> costPer1k();
    }

    enum VectorStoreKind {
        /** pgvector when the database has (or may create) the extension, else arrays. */
        AUTO,
        /** vector columns and HNSW indexes; start-up fails without the extension. */
        PGVECTOR,
        /** real[] columns, a sign-bit short list and exact re-ranking: stock PostgreSQL. */
        ARRAY
    }

    interface Search {
        @WithDefault("auto")
        VectorStoreKind vectorStore();

        /** Without pgvector: chunks re-ranked exactly after the Hamming-distance short list. */
        @WithDefault("400")
        int candidates();

        /** Chunks matching any word of the question that are ranked (those with all its words always are). */
        @WithDefault("2000")
        int keywordCandidates();

        /** Hits each leg (full-text, vector) hands to the fusion. */
        @WithDefault("50")
        int legDepth();

        /**
         * Weighted reciprocal rank fusion: a hit's score is the sum over legs of weight / (k + rank).
         * 60 is the original paper's k, for fusing long result lists of many systems; with two legs
         * and a handful of results kept, a small k lets each leg's first picks count.
         */
        @WithDefault("10")
        int rrfK();

        /** The full-text leg's weight: it matches any word of the question, so on paraphrased questions it is the weaker leg. */
        @WithDefault("0.5")
        double keywordWeight();

        @WithDefault("1.0")
        double vectorWeight();

        @WithDefault("50")
        int maxK();
    }

    interface Grounding {
        /** Chunks retrieved for a grounded reply. */
        @WithDefault("6")
        int chunks();

        /** Estimated tokens of source text sent with the question; chunks beyond it are left out. */
        @WithDefault("2000")
        int maxContextTokens();
    }
}
