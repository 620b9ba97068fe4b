package io.synapse.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record AuditLogView(long id, UUID userId, UUID apiKeyId, String action, String resourceType, String resourceId,
        Map<String, Object> oldValues, Map<String, Object> newValues, String ipAddress, String userAgent, String requestId,
        Integer responseStatus, boolean success, String errorMessage, Instant createdAt, Map<String, Object> metadata) {

    public static AuditLogView of(AuditLog a) {
        return new AuditLogView(a.id, a.userId, a.apiKeyId, a.action, a.resourceType, a.resourceId, a.oldValues, a.newValues,
                a.ipAddress == null ? null : a.ipAddress.getHostAddress(), a.userAgent, a.requestId, a.responseStatus, a.success,
                a.errorMessage, a.createdAt, a.metadata);
    }
}
