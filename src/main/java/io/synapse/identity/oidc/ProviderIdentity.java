package io.synapse.identity.oidc;

import java.util.Locale;
import java.util.Map;

/**
 * Who a provider says signed in: its subject, e-mail (and whether the provider verified it),
 * display name and every claim, for the role rules. Text that could not be stored (NUL, control
 * characters, over the column's size) refuses the sign-in instead of failing it.
 */
record ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String name, Map<String, Object> claims) {

    static ProviderIdentity of(String provider, OidcConfig.Provider settings, Map<String, Object> claims) {
        OidcConfig.Claims names = settings.claims();
        Object sub = claims.get(names.subject());
        // GitHub's user id is a number; OIDC's sub a string. Either way it is kept as text.
        String subject = sub instanceof String s ? s : sub instanceof Number n ? n.toString() : null;
        if (subject == null || subject.isBlank() || subject.length() > 255 || !printable(subject)) {
            throw new SignInRefused("invalid_token", 401, "the provider named no usable subject");
        }
        String email = claims.get(names.email()) instanceof String e && !e.isBlank() ? e.trim() : null;
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+") || !printable(email))) {
            throw new SignInRefused("access_denied", 403, "the provider's e-mail is not a usable address");
        }
        Object verified = claims.get(names.emailVerified());
        String name = claims.get(names.name()) instanceof String n && printable(n) ? n.strip() : null;
        return new ProviderIdentity(provider, subject, email,
                settings.trustEmail() || Boolean.TRUE.equals(verified) || "true".equals(verified),
                name == null || name.isEmpty() ? null : name.substring(0, Math.min(200, name.length())), claims);
    }

    /** The part after the @ of a verified e-mail; null when unverified, so that no rule trusts it. */
    String verifiedEmailDomain() {
        if (!emailVerified || email == null) {
            return null;
        }
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean printable(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c) || (c >= 0xD800 && c <= 0xDFFF));
    }
}
