package io.synapse.identity;

import io.synapse.common.error.ProblemException;

/**
 * What a sign-in decided inside its transaction. A refusal is returned, not thrown, so that the
 * transaction commits its audit row (and any revocation); the caller then throws it.
 */
public sealed interface AuthOutcome permits AuthOutcome.Granted, AuthOutcome.Denied {

    record Granted(TokenResponse response) implements AuthOutcome {
    }

    record Denied(ProblemException problem) implements AuthOutcome {
    }

    static TokenResponse unwrap(AuthOutcome outcome) {
        return switch (outcome) {
            case Granted granted -> granted.response();
            case Denied denied -> throw denied.problem();
        };
    }
}
