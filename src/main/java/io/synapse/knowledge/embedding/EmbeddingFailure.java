package io.synapse.knowledge.embedding;

/** The embedding model could not answer (unreachable, refused, malformed, wrong dimension): usually worth retrying later. */
public class EmbeddingFailure extends Exception {

    public EmbeddingFailure(String message) {
        super(message, null, false, false);
    }
}
