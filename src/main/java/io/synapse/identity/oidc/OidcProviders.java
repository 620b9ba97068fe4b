package io.synapse.identity.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.http.Get;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

import io.synapse.common.error.ProblemException;

/**
 * The configured providers, each resolved once: endpoints not set in configuration come from the
 * issuer's discovery document, whose own issuer must be the configured one (OpenID Connect
 * Discovery 4.3). A failed discovery is not remembered, so a provider that was down works once
 * it is back.
 */
@ApplicationScoped
class OidcProviders {

    @Inject
    OidcConfig config;

    @Inject
    ProviderHttp http;

    private final Map<String, ProviderEndpoints> resolved = new ConcurrentHashMap<>();

    /** The enabled provider of that name, or 404: an unknown name says nothing about the others. */
    OidcConfig.Provider configured(String name) {
        OidcConfig.Provider provider = name == null ? null : config.providers().get(name);
        if (provider == null || !provider.enabled()) {
            throw ProblemException.notFound("sign-in provider", name);
        }
        return provider;
    }

    ProviderEndpoints endpoints(String name) {
        OidcConfig.Provider provider = configured(name);
        ProviderEndpoints known = resolved.get(name);
        if (known != null) {
            return known;
        }
        ProviderEndpoints fresh = resolve(name, provider);
        ProviderEndpoints raced = resolved.putIfAbsent(name, fresh);
        return raced != null ? raced : fresh;
    }

    private ProviderEndpoints resolve(String name, OidcConfig.Provider provider) {
        Map<String, Object> discovery = Map.of();
        boolean oidc = provider.kind() == OidcConfig.Kind.OIDC;
        boolean complete = provider.authorizationEndpoint().isPresent() && provider.tokenEndpoint().isPresent()
                && (oidc ? provider.jwksUri().isPresent() : provider.userinfoEndpoint().isPresent());
        String issuer = provider.issuer().orElse(null);
        if (!complete) {
            if (issuer == null) {
                throw misconfigured(name, "needs an issuer or all of its endpoints");
            }
            discovery = http.getJson(uri(name, trimSlash(issuer) + "/.well-known/openid-configuration"), null);
            if (!issuer.equals(discovery.get("issuer"))) {
                throw ProblemException.badGateway("The sign-in provider's discovery document names another issuer");
            }
        }
        if (oidc && issuer == null) {
            throw misconfigured(name, "is an OpenID Connect provider and needs an issuer");
        }
        URI authorization = endpoint(name, provider.authorizationEndpoint(), discovery, "authorization_endpoint", true);
        URI token = endpoint(name, provider.tokenEndpoint(), discovery, "token_endpoint", true);
        URI userinfo = endpoint(name, provider.userinfoEndpoint(), discovery, "userinfo_endpoint", !oidc);
        URI jwks = endpoint(name, provider.jwksUri(), discovery, "jwks_uri", oidc);
        return new ProviderEndpoints(name, provider, issuer, authorization, token, userinfo, jwks == null ? null : keys(jwks));
    }

    private VerificationKeyResolver keys(URI jwks) {
        HttpsJwks set = new HttpsJwks(jwks.toString());
        Get get = new Get();
        int millis = (int) config.timeout().toMillis();
        get.setConnectTimeout(millis);
        get.setReadTimeout(millis);
        set.setSimpleHttpGet(get);
        // A token naming an unknown kid refetches the set (a key rotation); while the provider is
        // down, the keys last fetched stay in use for 5 minutes.
        set.setRetainCacheOnErrorDuration(300);
        HttpsJwksVerificationKeyResolver resolver = new HttpsJwksVerificationKeyResolver(set);
        resolver.setDisambiguateWithVerifySignature(true);
        return resolver;
    }

    private static URI endpoint(String name, Optional<String> configured, Map<String, Object> discovery, String key, boolean required) {
        Object value = configured.isPresent() ? configured.get() : discovery.get(key);
        if (value == null) {
            if (required) {
                throw ProblemException.badGateway("The sign-in provider '" + name + "' has no " + key);
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw ProblemException.badGateway("The sign-in provider's " + key + " is not a URL");
        }
        return uri(name, text);
    }

    private static URI uri(String name, String text) {
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw misconfigured(name, "has an endpoint that is not an http(s) URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw misconfigured(name, "has an endpoint that is not a URL: " + text);
        }
    }

    private static String trimSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private static ProblemException misconfigured(String name, String what) {
        return ProblemException.serviceUnavailable("The sign-in provider '" + name + "' " + what + " (synapse.oidc.providers)");
    }
}
