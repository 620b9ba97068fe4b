package io.synapse.reports;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A report; content (the sanitised HTML) only when one report is asked for, not in lists. */
public record ReportView(UUID id, String name, String source, String template, Map<String, String> parameters, UUID scheduleId, UUID createdBy,
        Instant createdAt, Instant updatedAt, boolean hasFigures, @JsonInclude(JsonInclude.Include.NON_NULL) String content) {

    public static ReportView summary(Report r) {
        return new ReportView(r.id, r.name, r.source, r.template, r.parameters, r.scheduleId, r.createdBy, r.createdAt, r.updatedAt,
                r.figures != null, null);
    }

    public static ReportView full(Report r) {
        return new ReportView(r.id, r.name, r.source, r.template, r.parameters, r.scheduleId, r.createdBy, r.createdAt, r.updatedAt,
                r.figures != null, r.content);
    }
}
