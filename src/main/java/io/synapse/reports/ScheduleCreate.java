package io.synapse.reports;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/** cron is Quartz-style, as Quarkus' scheduler reads it (seconds first, UTC): "0 0 7 ? * MON" is Mondays at 07:00. */
public record ScheduleCreate(@NotBlank @Size(max = 150) @Schema(example = "Weekly stock") String name, @NotBlank @Size(max = 50) @Schema(example = "inventory-overview") String template,
        @Size(max = 20) Map<String, String> parameters, @Size(max = 1000) List<@NotNull UUID> userIds, Role role,
        @NotBlank @Size(max = 120) @Schema(example = "0 0 7 ? * MON") String cron, Boolean enabled) {
}
