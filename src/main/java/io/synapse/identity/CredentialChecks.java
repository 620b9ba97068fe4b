package io.synapse.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.RateLimiter;
import io.synapse.common.security.Role;
import io.synapse.common.security.Secrets;

/**
 * The per-request checks behind every credential. A valid signature is not enough: the user
 * must still exist and be active, the login session still open, the issued token not revoked;
 * roles are the token's (or key's) grant capped by the user's role as it is now. So suspending,
 * demoting or deleting a user takes effect on their very next request. The database part is one
 * statement per request ({@link CredentialLookup}), the rate limit one Redis round trip.
 */
@ApplicationScoped
public class CredentialChecks {

    @Inject
    CredentialLookup lookup;

    @Inject
    ApiKeyUsage usage;

    @Inject
    RateLimiter rateLimiter;

    /** The rate limits are run-time settings (/api/admin/config). */
    @Inject
    Settings settings;

    @Inject
    SynapseConfig config;

    public SecurityIdentity checkJwt(SecurityIdentity identity, JsonWebToken jwt) {
        String type = jwt.getClaim(TokenService.TOKEN_TYPE);
        String jti = jwt.getTokenID();
        String subject = jwt.getSubject();
        if (type == null || jti == null || subject == null) {
            throw new AuthenticationFailedException("token lacks tkn, jti or sub");
        }
        List<Role> granted = parseRoles(jwt.getGroups());
        boolean service = subject.startsWith(TokenService.SERVICE_PREFIX);
        UUID userId = service ? null : parseUuid(subject);
        CredentialLookup.Found found;
        UUID session = null;
        if (TokenService.ISSUED.equals(type)) {
            found = lookup.issued(parseUuid(jti), userId).orElseThrow(() -> new AuthenticationFailedException("token revoked"));
            if (!found.open()) {
                throw new AuthenticationFailedException("token revoked");
            }
        } else if (TokenService.ACCESS.equals(type) && !service) {
            String sessionClaim = jwt.getClaim(TokenService.SESSION);
            session = sessionClaim == null ? null : parseUuid(sessionClaim);
            found = session == null ? null : lookup.session(session, userId).orElse(null);
            if (found == null || !found.open()) {
                throw new AuthenticationFailedException("session ended");
            }
        } else {
            throw new AuthenticationFailedException("unknown token type");
        }
        if (service) {
            return throttled(build(identity, new Actor(null, subject, jwt.getName(), null, null, jti, null, Role.expand(granted)), null));
        }
        CurrentUser user = active(found.user());
        UUID issued = TokenService.ISSUED.equals(type) ? parseUuid(jti) : null;
        Actor actor = new Actor(user.id(), subject, user.email(), null, session, jti, issued, Role.effective(granted, user.role()));
        return throttled(build(identity, actor, user));
    }

    public SecurityIdentity checkApiKey(String key) {
        CredentialLookup.FoundKey apiKey = lookup.apiKey(Secrets.sha256Hex(key))
                .orElseThrow(() -> new AuthenticationFailedException("unknown API key"));
        if (!apiKey.usable(Instant.now())) {
            throw new AuthenticationFailedException("API key revoked or expired");
        }
        CurrentUser owner = active(apiKey.user());
        Actor actor = new Actor(owner.id(), owner.id().toString(), owner.email(), apiKey.id(), null, null, null,
                Role.effective(parseRoles(new HashSet<>(Arrays.asList(apiKey.scopes()))), owner.role()));
        SecurityIdentity identity = throttled(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(owner.id().toString()))
                .addRoles(actor.roles())
                .addAttribute(Actor.ATTRIBUTE, actor)
                .addAttribute(CurrentUser.ATTRIBUTE, owner)
                .build());
        usage.used(apiKey.id());
        return identity;
    }

    /**
     * Per-principal request budget, shared by all of a user's tokens and keys (a service's by its
     * name). Counted after the credential is proven, so nobody can spend someone else's budget.
     */
    private SecurityIdentity throttled(SecurityIdentity identity) {
        Actor actor = identity.getAttribute(Actor.ATTRIBUTE);
        String principal = actor.userId() != null ? actor.userId().toString() : actor.subject();
        long wait = rateLimiter.hit("principal:" + principal, (int) settings.number(SettingCatalog.PRINCIPAL_RATE_LIMIT), config.auth().principalRateWindow());
        if (wait > 0) {
            throw ProblemException.tooManyRequests("Request budget of this account exhausted; retry later", wait);
        }
        return identity;
    }

    private static CurrentUser active(CurrentUser user) {
        if (user == null || !user.isActive()) {
            throw new AuthenticationFailedException("user deleted or suspended");
        }
        return user;
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("malformed subject");
        }
    }

    private static List<Role> parseRoles(Set<String> names) {
        List<Role> roles = new ArrayList<>();
        for (String name : names == null ? Set.<String>of() : names) {
            try {
                roles.add(Role.parse(name));
            } catch (IllegalArgumentException ignored) {
                // a group we do not know confers nothing
            }
        }
        return roles;
    }

    private static SecurityIdentity build(SecurityIdentity original, Actor actor, CurrentUser user) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(original.getPrincipal())
                .addCredentials(original.getCredentials())
                .addAttributes(original.getAttributes())
                .addRoles(actor.roles())
                .addAttribute(Actor.ATTRIBUTE, actor);
        if (user != null) {
            builder.addAttribute(CurrentUser.ATTRIBUTE, user);
        }
        return builder.build();
    }
}
