package io.synapse.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.synapse.common.security.Actor;

/** Runs {@link CredentialChecks#checkJwt} on every JWT that SmallRye JWT has verified. */
@ApplicationScoped
public class JwtIdentityAugmentor implements SecurityIdentityAugmentor {

    @Inject
    CredentialChecks checks;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Actor.ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> checks.checkJwt(identity, jwt));
    }
}
