package io.synapse.identity.oidc;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * POST /api/auth/oauth/{provider}/token-exchange: a provider's ID token or JWT access token, as a
 * trusted service holds it. Either type is checked the same way: a JWT signed by the provider, for
 * one of the provider's token-exchange audiences.
 */
public record TokenExchangeRequest(
        @NotNull @Size(min = 1, max = 16384) @Pattern(regexp = "[A-Za-z0-9._~+/=-]+", message = "must be a token") String subjectToken,
        @NotNull @Pattern(regexp = "urn:ietf:params:oauth:token-type:(id_token|access_token)",
                message = "must be urn:ietf:params:oauth:token-type:id_token or urn:ietf:params:oauth:token-type:access_token") String subjectTokenType) {
}
