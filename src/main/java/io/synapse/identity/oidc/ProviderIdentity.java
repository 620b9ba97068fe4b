package io.synapse.identity.oidc;

import java.util.Map;

/**
 * Who a provider says signed in: its subject, e-mail (and whether the provider verified it),
 * display name and every claim, for the role rules.
 */
record ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String name, Map<String, Object> claims) {

    static ProviderIdentity of(String provider, OidcConfig.Claims names, Map<String, Object> claims) {
        Object sub = claims.get(names.subject());
        // GitHub's user id is a number; OIDC's sub a string. Either way it is kept as text.
        String subject = sub instanceof String s ? s : sub instanceof Number n ? n.toString() : null;
        Object email = claims.get(names.email());
        Object verified = claims.get(names.emailVerified());
        Object name = claims.get(names.name());
        return new ProviderIdentity(provider, subject, email instanceof String e && !e.isBlank() ? e.trim() : null,
                Boolean.TRUE.equals(verified) || "true".equals(verified), name instanceof String n ? n : null, claims);
    }

    /** The part after the @ of a verified e-mail; null when unverified, so that no rule trusts it. */
    String verifiedEmailDomain() {
        if (!emailVerified || email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
