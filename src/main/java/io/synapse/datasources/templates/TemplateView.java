package io.synapse.datasources.templates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TemplateView(UUID id, UUID userId, UUID connectionId, String name, String description, String questionTemplate, String sqlTemplate,
        List<TemplateParameter> parameters, String category, String sharedWithRole, boolean isVerified, long usageCount, Instant lastUsedAt,
        Instant createdAt, Instant updatedAt) {

    public static TemplateView of(QueryTemplate t) {
        return new TemplateView(t.id, t.userId, t.connectionId, t.name, t.description, t.questionTemplate, t.sqlTemplate, List.copyOf(t.parameters),
                t.category, t.sharedWithRole, t.isVerified, t.usageCount, t.lastUsedAt, t.createdAt, t.updatedAt);
    }
}
