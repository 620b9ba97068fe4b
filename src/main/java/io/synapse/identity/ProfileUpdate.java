package io.synapse.identity;

import java.util.Map;

import jakarta.validation.constraints.Size;

/** PATCH /api/me: absent (null) fields stay as they are; new_password needs current_password. */
public record ProfileUpdate(
        @Size(max = 100) String username,
        @Size(max = 200) String fullName,
        @Size(max = 200) String company,
        @Size(max = 2048) String picture,
        @Size(max = 50) Map<String, Object> preferences,
        Boolean receiveEmail,
        @Size(max = 200) String currentPassword,
        @Size(min = 8, max = 72) String newPassword) {
}
