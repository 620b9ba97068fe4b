package io.synapse.identity.oidc;

/** A sign-in provider as the frontend lists it, with the URL its button sends the browser to. */
public record ProviderView(String name, String displayName, String kind, boolean tokenExchange, String authorizeUrl) {
}
