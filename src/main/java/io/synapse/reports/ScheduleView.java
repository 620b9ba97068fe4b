package io.synapse.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public record ScheduleView(UUID id, String name, String template, Map<String, String> parameters, List<UUID> userIds, String role, String cron,
        boolean enabled, Instant nextRunAt, Instant lastRunAt, UUID lastReportId, String lastError, UUID createdBy, Instant createdAt,
        Instant updatedAt) {

    public static ScheduleView of(ReportSchedule s) {
        return new ScheduleView(s.id, s.name, s.template, s.parameters, List.of(s.recipientUserIds), s.recipientRole, s.cron, s.enabled,
                s.nextRunAt, s.lastRunAt, s.lastReportId, s.lastError, s.createdBy, s.createdAt, s.updatedAt);
    }
}
