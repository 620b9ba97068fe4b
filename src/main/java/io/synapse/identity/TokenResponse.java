package io.synapse.identity;

import java.time.Instant;
import java.util.UUID;

/** What login and refresh answer. The refresh token is usable exactly once. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt,
        String refreshToken, Instant refreshExpiresAt, UUID sessionId, UserView user) {
}
