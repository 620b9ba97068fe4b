package io.synapse.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Deliberately loose: no e-mail format or password length rules here, so a wrong guess of any
 * shape gets the same 401 as a wrong password (the sizes only stop abuse).
 */
public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 1024) String password) {
}
