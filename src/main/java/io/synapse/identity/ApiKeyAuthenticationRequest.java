package io.synapse.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented as X-API-Key or as a Bearer value starting with the key prefix. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
