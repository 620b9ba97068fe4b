package io.synapse.knowledge.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Query;

import io.synapse.common.security.Actor;

/**
 * The WHERE clause every retrieval query shares (alias c for document_chunks, d for documents):
 * first what the caller may read, then the caller's own filters. Retrieval reads a document only
 * when it is the caller's, shared with everyone, or shared with a role the caller holds. Admins
 * included: they manage everyone's documents through /api/knowledge/documents, but other users'
 * private documents never reach their searches or their assistant's answers.
 */
public final class ChunkFilter {

    private final StringBuilder sql = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    private ChunkFilter() {
    }

    public static ChunkFilter readableBy(Actor actor) {
        ChunkFilter f = new ChunkFilter();
        List<String> roles = new ArrayList<>(actor.roles());
        f.sql.append("(d.visibility = 'everyone'");
        if (!roles.isEmpty()) {
            f.sql.append(" OR (d.visibility = 'role' AND d.shared_with_role IN (:f_roles))");
            f.params.put("f_roles", roles);
        }
        if (actor.userId() != null) {
            f.sql.append(" OR d.user_id = :f_viewer");
            f.params.put("f_viewer", actor.userId());
        }
        f.sql.append(')');
        return f;
    }

    public ChunkFilter document(UUID id) {
        if (id != null) {
            sql.append(" AND d.id = :f_document");
            params.put("f_document", id);
        }
        return this;
    }

    public ChunkFilter owner(UUID id) {
        if (id != null) {
            sql.append(" AND d.user_id = :f_owner");
            params.put("f_owner", id);
        }
        return this;
    }

    public ChunkFilter tag(String tag) {
        if (tag != null) {
            sql.append(" AND :f_tag = ANY (d.tags)");
            params.put("f_tag", tag);
        }
        return this;
    }

    public ChunkFilter type(String type) {
        if (type != null) {
            sql.append(" AND d.type = :f_type");
            params.put("f_type", type);
        }
        return this;
    }

    public ChunkFilter visibility(String visibility) {
        if (visibility != null) {
            sql.append(" AND d.visibility = :f_visibility");
            params.put("f_visibility", visibility);
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public Query bind(Query query) {
        params.forEach(query::setParameter);
        return query;
    }
}
