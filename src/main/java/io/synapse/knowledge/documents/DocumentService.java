package io.synapse.knowledge.documents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.ingest.ExtractionFailure;
import io.synapse.knowledge.ingest.LanguageGuess;
import io.synapse.knowledge.ingest.MediaTypes;
import io.synapse.knowledge.ingest.TextExtractor;
import io.synapse.telemetry.AuditRecorder;

/**
 * Documents in and out. An upload is checked at once (size, format, text or PDF pages), stored
 * with its bytes as pending, and answered 202; extraction, chunking and embedding are the
 * indexer's, off the request thread. Every change is audited.
 */
@ApplicationScoped
public class DocumentService {

    @Inject
    KnowledgeConfig config;

    @Inject
    TextExtractor extractor;

    @Inject
    DocumentIndexer indexer;

    @Inject
    AuditRecorder audit;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public record Uploaded(DocumentView document, boolean created) {
    }

    public record Filter(String status, String type, String tag, String visibility, UUID ownerId) {
    }

    public Uploaded upload(Actor actor, DocumentSettings settings, String declaredType, byte[] bytes) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Documents belong to users: a service token cannot upload one");
        }
        String mediaType = MediaTypes.of(declaredType, settings.fileName());
        if (mediaType == null) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Upload text/plain, text/markdown, text/html or application/pdf (multipart parts may instead name a .txt, .md, .html or .pdf file)"));
        }
        if (MediaTypes.PDF.equals(mediaType) && !MediaTypes.pdfSupported()) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "This native build cannot read PDFs (PDFBox needs AWT, which it lacks): upload the text, or use the JVM image"));
        }
        long max = config.upload().maxSize().asLongValue();
        if (bytes.length > max) {
            throw new ProblemException(Problem.of(413, "too-large", "Payload too large",
                    "The file is " + bytes.length + " bytes; the limit is " + max + " (synapse.knowledge.upload.max-size)"));
        }
        try {
            extractor.precheck(mediaType, bytes);
        } catch (ExtractionFailure e) {
            throw ProblemException.unprocessable("file", e.getMessage());
        }
        Document draft = draft(actor, settings, mediaType, bytes);
        Uploaded result = QuarkusTransaction.requiringNew().call(() -> store(actor, settings, draft, bytes));
        indexer.wake();
        return result;
    }

    private Document draft(Actor actor, DocumentSettings s, String mediaType, byte[] bytes) {
        Document d = new Document();
        d.userId = actor.userId();
        d.chargeTo(actor);
        d.fileName = DocumentRules.text("file_name", s.fileName(), 255);
        d.title = titleOf(s, d.fileName, mediaType, bytes);
        d.type = s.type() == null ? "document" : DocumentRules.oneOf("type", s.type(), DocumentRules.TYPES);
        d.sourceUri = DocumentRules.text("source_uri", s.sourceUri(), 2000);
        d.mimeType = mediaType;
        d.fileSize = bytes.length;
        d.contentHash = sha256(bytes);
        DocumentRules.share(actor, d, s.visibility(), s.sharedWithRole());
        String[] tags = DocumentRules.tags(s.tags());
        d.tags = tags == null ? new String[0] : tags;
        if (s.metadata() != null && s.metadata().size() > 50) {
            throw ProblemException.invalidField("metadata", "must have at most 50 keys");
        }
        d.metadata = s.metadata() == null ? new HashMap<>() : new HashMap<>(s.metadata());
        if (!LanguageGuess.valid(s.language())) {
            throw ProblemException.invalidField("language", "must be one of auto, english, portuguese, simple");
        }
        d.language = s.language() == null || s.language().equals("auto") ? null : s.language();
        return d;
    }

    private Uploaded store(Actor actor, DocumentSettings settings, Document draft, byte[] bytes) {
        Document existing = Document.find("userId = ?1 and contentHash = ?2", draft.userId, draft.contentHash)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (existing != null) {
            if (!settings.replace()) {
                throw ProblemException.conflict("You already uploaded this content as document " + existing.id
                        + "; send replace=true to update that document's settings and index it again");
            }
            DocumentView before = DocumentView.of(existing);
            existing.title = draft.title;
            existing.type = draft.type;
            existing.sourceUri = draft.sourceUri;
            existing.fileName = draft.fileName;
            existing.mimeType = draft.mimeType;
            existing.visibility = draft.visibility;
            existing.sharedWithRole = draft.sharedWithRole;
            existing.tags = draft.tags;
            existing.metadata = draft.metadata;
            existing.language = draft.language;
            existing.requeue("replaced");
            DocumentView after = DocumentView.of(existing);
            audit.event("document.replace").resource("document", existing.id).oldValues(before).newValues(after).record();
            return new Uploaded(after, false);
        }
        draft.persist();
        DocumentFile file = new DocumentFile();
        file.documentId = draft.id;
        file.bytes = bytes;
        file.persist();
        DocumentView view = DocumentView.of(draft);
        audit.event("document.create").resource("document", draft.id).newValues(view).record();
        return new Uploaded(view, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DocumentView> list(Actor actor, Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM documents d WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (!actor.isAdmin()) {
            List<String> roles = new ArrayList<>(actor.roles());
            sql.append(" AND (d.visibility = 'everyone' OR (d.visibility = 'role' AND d.shared_with_role IN (:roles))");
            params.put("roles", roles.isEmpty() ? List.of("-") : roles);
            if (actor.userId() != null) {
                sql.append(" OR d.user_id = :viewer");
                params.put("viewer", actor.userId());
            }
            sql.append(')');
        }
        eq(sql, params, "status", filter.status());
        eq(sql, params, "type", filter.type());
        eq(sql, params, "visibility", filter.visibility());
        eq(sql, params, "user_id", filter.ownerId());
        if (filter.tag() != null) {
            sql.append(" AND :tag = ANY (d.tags)");
            params.put("tag", filter.tag());
        }
        if (page.cursor() != null) {
            Cursor.TimeAndId after = Cursor.timeAndId(page.cursor());
            sql.append(" AND (d.created_at, d.id) < (:kt, :kid)");
            params.put("kt", Timestamp.from(after.time()));
            params.put("kid", after.id());
        }
        sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ").append(page.fetchSize());
        Query query = Document.getEntityManager().createNativeQuery(sql.toString(), Document.class).setHint("org.hibernate.readOnly", true);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Document> rows = new ArrayList<>(query.getResultList());
        return Page.of(rows, page.limit(), d -> Cursor.of(d.createdAt, d.id), DocumentView::of);
    }

    private static void eq(StringBuilder sql, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND d.").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DocumentView get(Actor actor, UUID id) {
        return DocumentView.of(DocumentAccess.readable(actor, id));
    }

    /** The extracted text; 409 until the document has been indexed once. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String content(Actor actor, UUID id) {
        Document d = DocumentAccess.readable(actor, id);
        if (d.content == null) {
            throw ProblemException.conflict("Document " + id + " is " + d.status + ": its text is known once it has been indexed");
        }
        return d.content;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ChunkView> chunks(Actor actor, UUID id, PageRequest page) {
        DocumentAccess.readable(actor, id);
        int after = page.cursor() == null ? -1 : (int) Math.min(Integer.MAX_VALUE, Cursor.longId(page.cursor()));
        List<DocumentChunk> rows = DocumentChunk.find("documentId = ?1 and ordinal > ?2 order by ordinal", id, after)
                .range(0, page.fetchSize() - 1).list();
        return Page.of(new ArrayList<>(rows), page.limit(), c -> Cursor.of(c.ordinal), ChunkView::of);
    }

    @Transactional
    public DocumentView update(Actor actor, UUID id, DocumentUpdate update) {
        Document d = DocumentAccess.lockedForChange(actor, id);
        DocumentView before = DocumentView.of(d);
        if (update.title() != null) {
            String title = DocumentRules.text("title", update.title(), 255);
            if (title == null) {
                throw ProblemException.invalidField("title", "must not be blank");
            }
            d.title = title;
        }
        if (update.type() != null) {
            d.type = update.type();
        }
        if (update.sourceUri() != null) {
            d.sourceUri = DocumentRules.text("source_uri", update.sourceUri(), 2000);
        }
        DocumentRules.share(actor, d, update.visibility(), update.sharedWithRole());
        if (update.tags() != null) {
            d.tags = DocumentRules.tags(update.tags());
        }
        if (update.metadata() != null) {
            d.metadata = new HashMap<>(update.metadata());
        }
        boolean reindex = update.title() != null && !d.title.equals(before.title());
        if (update.language() != null) {
            String language = update.language().equals("auto") ? null : update.language();
            reindex |= !java.util.Objects.equals(language, d.language);
            d.language = language;
        }
        if (reindex) {
            // The title is indexed with every chunk (weighted A), and the language decides the stems. A job in
            // progress loses its token here, so its result is dropped and the document indexed again.
            d.requeue("settings changed");
            d.chargeTo(actor);
        }
        DocumentView after = DocumentView.of(d);
        audit.event("document.update").resource("document", id).oldValues(before).newValues(after).record();
        afterCommitWake(reindex);
        return after;
    }

    @Transactional
    public DocumentView reindex(Actor actor, UUID id) {
        Document d = DocumentAccess.lockedForChange(actor, id);
        if (Document.PROCESSING.equals(d.status) || Document.PENDING.equals(d.status)) {
            return DocumentView.of(d);
        }
        DocumentView before = DocumentView.of(d);
        d.requeue("re-index requested");
        d.chargeTo(actor);
        DocumentView after = DocumentView.of(d);
        audit.event("document.reindex").resource("document", id).oldValues(before).newValues(after).record();
        afterCommitWake(true);
        return after;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        Document d = DocumentAccess.lockedForChange(actor, id);
        DocumentView before = DocumentView.of(d);
        d.delete();
        audit.event("document.delete").resource("document", id).oldValues(before).record();
    }

    /** The indexer is woken once the change is committed: before, it would not see the document pending. */
    private void afterCommitWake(boolean wake) {
        if (wake) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        indexer.wake();
                    }
                }
            });
        }
    }

    private String titleOf(DocumentSettings s, String fileName, String mediaType, byte[] bytes) {
        String title = DocumentRules.text("title", s.title(), 255);
        if (title != null) {
            return title;
        }
        if (fileName != null) {
            return fileName;
        }
        if (!MediaTypes.PDF.equals(mediaType)) {
            // The first line of the text, without Markdown's heading marks or HTML's tags.
            String head = new String(bytes, 0, Math.min(bytes.length, 2000), StandardCharsets.UTF_8);
            for (String line : head.split("\n")) {
                String clean = io.synapse.common.input.StorableText.clean(line.replaceAll("<[^>]*>", "").replaceFirst("^#+\\s*", "").strip());
                if (!clean.isEmpty()) {
                    return io.synapse.common.input.StorableText.shorten(clean, 255);
                }
            }
        }
        return "Untitled document";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
