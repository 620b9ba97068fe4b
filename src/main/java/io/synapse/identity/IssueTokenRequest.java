package io.synapse.identity;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/** Exactly one of user_id and service_name. ttl is an ISO-8601 duration ("PT1H") or seconds. */
public record IssueTokenRequest(
        UUID userId,
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be lower-case letters, digits, '.', '_' or '-'") @Schema(example = "etl-loader") String serviceName,
        @NotEmpty @Size(max = 4) Set<@NotNull Role> roles,
        @NotNull @Schema(example = "PT12H") Duration ttl,
        @Size(max = 500) String description) {
}
