package io.synapse.identity;

import jakarta.validation.constraints.Size;

import io.synapse.common.security.Role;

/**
 * PATCH /api/users/{id} (admin): absent (null) fields stay as they are. {@code rolePinned} keeps the
 * role as set here whatever a sign-in provider's role mapping says.
 */
public record UserUpdate(
        @Size(max = 100) String username,
        @Size(max = 200) String fullName,
        @Size(max = 200) String company,
        Role role,
        Boolean rolePinned,
        UserStatus status,
        Boolean receiveEmail,
        @Size(min = 8, max = 72) String password) {
}
