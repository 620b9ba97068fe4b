package io.synapse.reports;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.synapse.common.security.Role;

/** Absent fields stay as they are. */
public record ScheduleUpdate(@Size(min = 1, max = 150) String name, @Size(min = 1, max = 50) String template,
        @Size(max = 20) Map<String, String> parameters, @Size(max = 1000) List<@NotNull UUID> userIds, Role role,
        @Size(min = 1, max = 120) String cron, Boolean enabled) {
}
