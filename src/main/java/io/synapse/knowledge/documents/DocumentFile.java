package io.synapse.knowledge.documents;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The bytes a document was uploaded as, kept for re-indexing; never read by lists. */
@Entity
@Table(name = "document_files")
public class DocumentFile extends PanacheEntityBase {

    @Id
    public UUID documentId;

    public byte[] bytes;
}
