package io.synapse.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.jwt.build.Jwt;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.security.Role;

/** Mints our RS256 JWTs. Issuer, audience and signing key come from smallrye.jwt.* configuration. */
@ApplicationScoped
public class TokenService {

    /** Claim telling an access token from a login apart from an admin-issued one. */
    public static final String TOKEN_TYPE = "tkn";
    public static final String SESSION = "sid";
    public static final String ACCESS = "access";
    public static final String ISSUED = "issued";
    public static final String SERVICE_PREFIX = "service:";

    @Inject
    SynapseConfig config;

    public record SignedToken(String token, UUID jti, Instant expiresAt) {
    }

    public SignedToken accessToken(User user, UUID sessionId) {
        UUID jti = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(config.jwt().accessTokenTtl());
        String token = Jwt.subject(user.id.toString())
                .upn(user.email)
                .groups(Role.expand(Set.of(user.role)))
                .claim(SESSION, sessionId.toString())
                .claim(TOKEN_TYPE, ACCESS)
                .claim("jti", jti.toString())
                .issuedAt(now)
                .expiresAt(expires)
                .sign();
        return new SignedToken(token, jti, expires);
    }

    public SignedToken issuedToken(UUID jti, String subject, String upn, Set<Role> roles, Instant expires) {
        String token = Jwt.subject(subject)
                .upn(upn)
                .groups(Role.expand(roles))
                .claim(TOKEN_TYPE, ISSUED)
                .claim("jti", jti.toString())
                .issuedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .expiresAt(expires)
                .sign();
        return new SignedToken(token, jti, expires);
    }
}
