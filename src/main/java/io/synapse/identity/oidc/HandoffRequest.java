package io.synapse.identity.oidc;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** POST /api/auth/oauth/token: the one-time code the callback sent the frontend, and the frontend's PKCE verifier. */
public record HandoffRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{43}", message = "must be the code the sign-in sent back") String code,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._~-]{43,128}", message = "must be a PKCE code verifier (RFC 7636: 43 to 128 characters)") String codeVerifier) {
}
