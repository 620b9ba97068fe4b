package io.synapse.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RefreshRequest(@NotBlank @Size(max = 200) @Schema(example = "Qm9h...refresh-token-from-login") String refreshToken) {
}
