package io.synapse.identity;

import jakarta.validation.constraints.Size;

import io.synapse.common.security.Role;

/** PATCH /api/users/{id} (admin): absent (null) fields stay as they are. */
public record UserUpdate(
        @Size(max = 100) String username,
        @Size(max = 200) String fullName,
        @Size(max = 200) String company,
        Role role,
        UserStatus status,
        Boolean receiveEmail,
        @Size(min = 8, max = 72) String password) {
}
