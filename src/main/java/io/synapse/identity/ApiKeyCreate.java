package io.synapse.identity;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/** Scopes must be roles the owner holds; expires_at is optional (a key without it lives until revoked). */
public record ApiKeyCreate(@NotBlank @Size(max = 100) @Schema(example = "reporting script") String name, @NotEmpty @Size(max = 4) Set<@NotNull Role> scopes, @Schema(example = "2027-01-01T00:00:00Z") Instant expiresAt) {
}
