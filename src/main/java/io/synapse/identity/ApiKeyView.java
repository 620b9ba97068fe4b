package io.synapse.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An API key without its secret; {@code key} is filled only in the response that creates it. */
public record ApiKeyView(UUID id, UUID userId, String name, String keyPrefix, List<String> scopes, Instant expiresAt,
        Instant lastUsedAt, long usageCount, Instant createdAt, Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    public static ApiKeyView of(ApiKey k) {
        return withSecret(k, null);
    }

    public static ApiKeyView withSecret(ApiKey k, String secret) {
        return new ApiKeyView(k.id, k.userId, k.name, k.keyPrefix, List.of(k.scopes), k.expiresAt, k.lastUsedAt,
                k.usageCount, k.createdAt, k.revokedAt, secret);
    }
}
