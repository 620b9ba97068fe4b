package io.synapse.common.security;

import java.util.Set;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as resolved by {@link SynapseIdentityAugmentor} or the API-key provider.
 * userId is null for service tokens; apiKeyId is set only for API-key calls; sessionId only for
 * access tokens from a login; issuedTokenId only for an admin-issued token acting for a user (its
 * jti, which budgets and runs record).
 */
public record Actor(UUID userId, String subject, String email, UUID apiKeyId, UUID sessionId, String tokenId, UUID issuedTokenId,
        Set<String> roles) {

    public static final String ATTRIBUTE = "synapse.actor";

    public static Actor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getAttribute(ATTRIBUTE);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }

}
