package io.synapse.knowledge.search;

import java.util.List;

import jakarta.persistence.EntityManager;

/** Where chunk vectors live and how the nearest are found: pgvector, or arrays on stock PostgreSQL. */
public interface VectorStore {

    /** "pgvector" or "array", as health reports it. */
    String name();

    /** Columns (and their placeholders) a chunk row carries beyond the real[] embedding, for ChunkWriter. */
    default String extraColumns() {
        return "";
    }

    default String extraValues() {
        return "";
    }

    /** The nearest chunks of this model and dimension the filter lets through, most similar first. */
    List<VectorHit> nearest(EntityManager em, float[] query, String model, int dimension, ChunkFilter filter, int depth);

    static String arrayLiteral(float[] v, char open, char close) {
        StringBuilder s = new StringBuilder(v.length * 12).append(open);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(v[i]);
        }
        return s.append(close).toString();
    }

    /** The sign of every component, as a bit string: the Hamming distance of two is a cheap stand-in for their angle. */
    static String signature(float[] v) {
        StringBuilder bits = new StringBuilder(v.length);
        for (float x : v) {
            bits.append(x > 0 ? '1' : '0');
        }
        return bits.toString();
    }
}
