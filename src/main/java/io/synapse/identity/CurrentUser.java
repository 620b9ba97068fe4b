package io.synapse.identity;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Role;

/**
 * The caller's user row as the credential check read it, kept on the request's identity so that
 * /api/me answers without reading the user again. The JSON columns stay text until someone asks:
 * most requests never look at them.
 */
public record CurrentUser(UUID id, String email, String username, String fullName, String company, Role role, boolean rolePinned, UserStatus status,
        boolean receiveEmail, String oauthProvider, String picture, long tokenUsage, String preferencesJson, String metadataJson,
        Instant createdAt, Instant updatedAt, Instant lastLoginAt) {

    public static final String ATTRIBUTE = "synapse.user";

    private static final TypeReference<HashMap<String, Object>> MAP = new TypeReference<>() {
    };

    public static CurrentUser of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    public UserView view(ObjectMapper mapper) {
        return new UserView(id, email, username, fullName, company, role, rolePinned, status, receiveEmail, oauthProvider, picture, tokenUsage,
                map(mapper, preferencesJson), map(mapper, metadataJson), createdAt, updatedAt, lastLoginAt);
    }

    private static Map<String, Object> map(ObjectMapper mapper, String json) {
        try {
            return json == null ? new HashMap<>() : mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("users row holds JSON that is not an object", e);
        }
    }
}
