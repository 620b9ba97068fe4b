package io.synapse.identity.oidc;

import java.net.URI;

import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * A provider's endpoints, from its configuration or its discovery document, and the resolver of
 * its signing keys (cached, refetched when a token names a key it has not seen).
 */
record ProviderEndpoints(String name, OidcConfig.Provider config, String issuer, URI authorization, URI token, URI userinfo,
        VerificationKeyResolver keys) {
}
