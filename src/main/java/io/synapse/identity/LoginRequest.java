package io.synapse.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Deliberately loose: no e-mail format or password length rules here, so a wrong guess of any
 * shape gets the same 401 as a wrong password (the sizes only stop abuse).
 */
public record LoginRequest(@NotBlank @Size(max = 254) @Schema(example = "admin@synapse.local") String email, @NotNull @Size(max = 1024) @Schema(example = "correct-horse-9") String password) {
}
