package io.synapse.identity.oidc;

/**
 * A sign-in refused for a reason that goes into the audit trail. The caller gets only the
 * {@link #error} code (an OAuth-style error for the frontend); the reason stays on our side.
 */
final class SignInRefused extends RuntimeException {

    final String error;
    final int status;

    SignInRefused(String reason) {
        this("invalid_token", 401, reason);
    }

    SignInRefused(String error, int status, String reason) {
        super(reason, null, false, false);
        this.error = error;
        this.status = status;
    }

    String reason() {
        return getMessage();
    }
}
