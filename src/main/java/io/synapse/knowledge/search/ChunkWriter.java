package io.synapse.knowledge.search;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.synapse.knowledge.ingest.TextChunk;

/**
 * Writes a document's chunks in one JDBC batch, each with its tsvector (title weighted A,
 * heading B, text D, in the document's text search configuration) and its embedding in the
 * columns the vector store keeps. Call inside the transaction that replaces the old chunks.
 */
@ApplicationScoped
public class ChunkWriter {

    @Inject
    EntityManager em;

    @Inject
    VectorStores stores;

    /** vectors null: no embedding model, the chunks are written for full-text search only. */
    public void write(UUID documentId, String title, String language, List<TextChunk> chunks, List<float[]> vectors, String model, int dimension) {
        VectorStore store = stores.active();
        String sql = "INSERT INTO document_chunks (document_id, ordinal, heading, content, start_offset, end_offset, page_number, token_count,"
                + " search, embedding, embedding_signature, embedding_model, embedding_dimension" + store.extraColumns() + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, setweight(to_tsvector(CAST(? AS regconfig), ?), 'A')"
                + " || setweight(to_tsvector(CAST(? AS regconfig), ?), 'B') || to_tsvector(CAST(? AS regconfig), ?),"
                + " ?, CAST(? AS varbit), ?, ?" + store.extraValues() + ")";
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunks.size(); i++) {
                    TextChunk chunk = chunks.get(i);
                    float[] v = vectors == null ? null : vectors.get(i);
                    int p = 1;
                    insert.setObject(p++, documentId);
                    insert.setInt(p++, chunk.ordinal());
                    insert.setString(p++, chunk.heading());
                    insert.setString(p++, chunk.content());
                    insert.setInt(p++, chunk.start());
                    insert.setInt(p++, chunk.end());
                    if (chunk.pageNumber() == null) {
                        insert.setNull(p++, Types.INTEGER);
                    } else {
                        insert.setInt(p++, chunk.pageNumber());
                    }
                    insert.setInt(p++, chunk.tokenEstimate());
                    insert.setString(p++, language);
                    insert.setString(p++, title);
                    insert.setString(p++, language);
                    insert.setString(p++, chunk.heading() == null ? "" : chunk.heading());
                    insert.setString(p++, language);
                    insert.setString(p++, chunk.content());
                    if (v == null) {
                        // Full-text only (no embedding model): the vector columns stay empty.
                        insert.setNull(p++, Types.ARRAY);
                        insert.setNull(p++, Types.VARCHAR);
                        insert.setNull(p++, Types.VARCHAR);
                        insert.setNull(p++, Types.INTEGER);
                        if (!store.extraColumns().isEmpty()) {
                            insert.setNull(p++, Types.VARCHAR);
                        }
                    } else {
                        Float[] boxed = new Float[v.length];
                        for (int j = 0; j < v.length; j++) {
                            boxed[j] = v[j];
                        }
                        Array array = connection.createArrayOf("float4", boxed);
                        insert.setArray(p++, array);
                        insert.setString(p++, VectorStore.signature(v));
                        insert.setString(p++, model);
                        insert.setInt(p++, dimension);
                        if (!store.extraColumns().isEmpty()) {
                            insert.setString(p++, VectorStore.arrayLiteral(v, '[', ']'));
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
