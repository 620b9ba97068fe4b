package io.synapse.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An issued token's record; {@code token} is present only in the response that issues it. */
public record IssuedTokenView(UUID jti, UUID userId, String serviceName, List<String> roles, String description,
        UUID issuedBy, Instant issuedAt, Instant expiresAt, Instant revokedAt, UUID revokedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    public static IssuedTokenView of(IssuedToken t) {
        return withToken(t, null);
    }

    public static IssuedTokenView withToken(IssuedToken t, String token) {
        return new IssuedTokenView(t.jti, t.userId, t.serviceName, List.of(t.roles), t.description, t.issuedBy,
                t.issuedAt, t.expiresAt, t.revokedAt, t.revokedBy, token);
    }
}
