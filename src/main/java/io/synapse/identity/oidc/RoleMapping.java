package io.synapse.identity.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.synapse.common.security.Role;

/**
 * Claim-to-role rules of one provider. The highest role any rule grants wins, so the order of the
 * rules does not matter; a user no rule matches gets the provider's default role.
 */
final class RoleMapping {

    static final String EMAIL_DOMAIN = "email_domain";

    private RoleMapping() {
    }

    static Role roleFor(OidcConfig.Provider provider, ProviderIdentity identity) {
        Role best = null;
        for (OidcConfig.RoleRule rule : provider.roleRules().orElse(List.of())) {
            if (matches(rule, identity) && (best == null || rule.role().implies(best))) {
                best = rule.role();
            }
        }
        return best != null ? best : provider.defaultRole();
    }

    private static boolean matches(OidcConfig.RoleRule rule, ProviderIdentity identity) {
        if (EMAIL_DOMAIN.equals(rule.claim())) {
            return rule.value().equalsIgnoreCase(String.valueOf(identity.verifiedEmailDomain()));
        }
        Object value = claim(identity.claims(), rule.claim());
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(rule.value()::equals);
        }
        return value instanceof String text && text.equals(rule.value());
    }

    /** A claim by its exact name (Auth0's "https://example.com/roles"), else by a dotted path (Keycloak's "realm_access.roles"). */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
