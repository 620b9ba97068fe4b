package io.synapse.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/** POST /api/users (admin). Role defaults to viewer, status to active. */
public record UserCreate(
        @NotBlank @Email @Size(max = 254) @Schema(example = "ana@example.com") String email,
        @NotNull @Size(min = 8, max = 72) @Schema(example = "correct-horse-9") String password,
        @Size(max = 100) String username,
        @Size(max = 200) @Schema(example = "Ana Souza") String fullName,
        @Size(max = 200) String company,
        @Schema(example = "rep") Role role,
        UserStatus status,
        Boolean receiveEmail) {
}
