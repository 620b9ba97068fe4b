package io.synapse.knowledge.embedding;

/** The embedding model could not answer (unreachable, refused, malformed, wrong dimension): usually worth retrying later. */
public class EmbeddingFailure extends Exception {

    /** The run's error_code when the call was charged: only provider_error and provider_unreachable are known to cost nothing. */
    private final String code;

    /** Tokens of the batches that went through before this one failed (null: none did). */
    private final Integer tokensSpent;

    public EmbeddingFailure(String message) {
        this(message, "provider_bad_response");
    }

    public EmbeddingFailure(String message, String code) {
        this(message, code, null);
    }

    EmbeddingFailure(String message, String code, Integer tokensSpent) {
        super(message, null, false, false);
        this.code = code;
        this.tokensSpent = tokensSpent;
    }

    public String code() {
        return code;
    }

    public Integer tokensSpent() {
        return tokensSpent;
    }
}
