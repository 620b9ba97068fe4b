package io.synapse.knowledge.documents;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A piece of a document's text, as retrieval returns it. Rows are written by the indexer in one
 * JDBC batch with their tsvector and embedding (ChunkWriter), which this mapping leaves out: they
 * are the database's to search, never the application's to read back.
 */
@Entity
@Table(name = "document_chunks")
public class DocumentChunk extends PanacheEntityBase {

    @Id
    public Long id;

    public UUID documentId;

    public int ordinal;

    public String heading;

    public String content;

    public int startOffset;

    public int endOffset;

    public Integer pageNumber;

    public int tokenCount;

    public String embeddingModel;

    public Integer embeddingDimension;

    public Instant createdAt;
}
