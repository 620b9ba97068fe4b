package io.synapse.knowledge.embedding;

import java.util.List;

/** Text to unit-length vectors, all of one model and dimension. */
public interface Embedder {

    /** Stored beside every vector: a query only compares vectors of the model that answers it. */
    String model();

    int dimension();

    List<float[]> embed(List<String> texts) throws EmbeddingFailure;

    /** The vectors and the tokens the model says it counted (null when it does not say). */
    record Batch(List<float[]> vectors, Integer tokens) {
    }

    default Batch embedCounted(List<String> texts) throws EmbeddingFailure {
        return new Batch(embed(texts), null);
    }

    /** Whether each call costs money (an endpoint), so budgets are checked before it and its run records it. */
    default boolean paid() {
        return false;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return new float[v.length];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            float x = v[i] * scale;
            // PostgreSQL's real refuses subnormal input ("out of range"); such a component is zero to any similarity.
            out[i] = Math.abs(x) < 1e-30f ? 0f : x;
        }
        return out;
    }
}
