package io.synapse.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.synapse.common.security.Role;

/** A user as the API shows it: never the password hash. */
public record UserView(UUID id, String email, String username, String fullName, String company, Role role,
        boolean rolePinned, UserStatus status, boolean receiveEmail, String oauthProvider, String picture, long tokenUsage,
        Map<String, Object> preferences, Map<String, Object> metadata, Instant createdAt, Instant updatedAt,
        Instant lastLoginAt) {

    public static UserView of(User u) {
        return new UserView(u.id, u.email, u.username, u.fullName, u.company, u.role, u.rolePinned, u.status, u.receiveEmail,
                u.oauthProvider, u.picture, u.tokenUsage, u.preferences, u.metadata, u.createdAt, u.updatedAt, u.lastLoginAt);
    }
}
