package io.synapse.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.synapse.common.security.Actor;
import io.synapse.common.web.RequestInfo;

/**
 * An audit row being assembled. Request data and the caller are captured when the event is
 * created (on the request thread), so {@link #recordLater()} can persist it from anywhere.
 */
public final class AuditEvent {

    private final AuditRecorder recorder;
    final AuditLog row = new AuditLog();

    AuditEvent(AuditRecorder recorder, String action, Actor actor, RequestInfo request) {
        this.recorder = recorder;
        row.action = action;
        row.ipAddress = request.ip();
        row.userAgent = request.userAgent();
        row.requestId = request.requestId();
        if (actor != null) {
            row.userId = actor.userId();
            row.apiKeyId = actor.apiKeyId();
            row.metadata.put("actor", actor.email() != null ? actor.email() : actor.subject());
            if (actor.tokenId() != null) {
                row.metadata.put("token_id", actor.tokenId());
            }
        }
    }

    public AuditEvent resource(String type, Object id) {
        row.resourceType = type;
        row.resourceId = id == null ? null : id.toString();
        return this;
    }

    /** The user the event is about when no one is authenticated yet (login, refresh). */
    public AuditEvent user(UUID userId) {
        row.userId = userId;
        return this;
    }

    /** Attributes an anonymous caller's event (self-registration) to the user it created. */
    public AuditEvent userIfAbsent(UUID userId) {
        if (row.userId == null) {
            row.userId = userId;
        }
        return this;
    }

    public AuditEvent oldValues(Object values) {
        row.oldValues = recorder.toMap(values);
        return this;
    }

    public AuditEvent newValues(Object values) {
        row.newValues = recorder.toMap(values);
        return this;
    }

    public AuditEvent meta(String key, Object value) {
        if (value != null) {
            row.metadata.put(key, value instanceof Map<?, ?> || value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return this;
    }

    public AuditEvent status(int status) {
        row.responseStatus = status;
        return this;
    }

    public AuditEvent failure(int status, String error) {
        row.success = false;
        row.responseStatus = status;
        row.errorMessage = error;
        return this;
    }

    /** Joins the caller's transaction when there is one, so the change and its row commit together. */
    public void record() {
        recorder.persist(this);
    }

    /** In its own transaction off the request thread: for denials, whose request has no transaction to join. */
    public void recordLater() {
        recorder.persistLater(this);
    }

    Map<String, Object> metadata() {
        return row.metadata == null ? new HashMap<>() : row.metadata;
    }
}
