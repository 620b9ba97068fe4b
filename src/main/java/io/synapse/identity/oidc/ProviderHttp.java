package io.synapse.identity.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synapse.common.error.ProblemException;

/**
 * The calls this server makes to a provider: discovery, the token endpoint and userinfo. Every
 * call is bounded by {@code synapse.oidc.timeout}; a provider that cannot be reached is a 502,
 * a provider that answers with an error is a {@link ProviderRefusal} the caller turns into a
 * refused sign-in.
 */
@ApplicationScoped
class ProviderHttp {

    private static final Logger LOG = Logger.getLogger(ProviderHttp.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    /** Provider answers are small JSON objects; anything bigger is not one. */
    private static final int MAX_BODY = 1 << 20;

    @Inject
    OidcConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile HttpClient client;

    Map<String, Object> getJson(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout()).header("Accept", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** A form POST (the token endpoint), authenticated with client_secret_basic when there is a secret. */
    Map<String, Object> postForm(URI uri, Map<String, String> form, String clientId, String clientSecret) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientSecret != null) {
            // RFC 6749 2.3.1: both parts form-encoded before they are joined.
            String pair = encode(clientId) + ":" + encode(clientSecret);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    private Map<String, Object> send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warnf("Sign-in provider at %s unreachable: %s", request.uri().getHost(), e.toString());
            throw ProblemException.badGateway("The sign-in provider could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.badGateway("The sign-in provider could not be reached");
        }
        byte[] body = response.body();
        Map<String, Object> json = body.length > MAX_BODY ? null : parse(body);
        if (response.statusCode() / 100 != 2) {
            Object error = json == null ? null : json.get("error");
            throw new ProviderRefusal(error instanceof String s ? s : "http_" + response.statusCode());
        }
        if (json == null) {
            LOG.warnf("Sign-in provider at %s answered %s with no JSON object", request.uri().getHost(), request.uri().getPath());
            throw ProblemException.badGateway("The sign-in provider gave an answer that is not JSON");
        }
        return json;
    }

    private Map<String, Object> parse(byte[] body) {
        try {
            return mapper.readValue(body, OBJECT);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
                }
                current = client;
            }
        }
        return current;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The provider answered, with an OAuth error ({@code invalid_grant}) or an HTTP status. */
    static final class ProviderRefusal extends RuntimeException {
        final String error;

        ProviderRefusal(String error) {
            super(error, null, false, false);
            this.error = error;
        }
    }
}
