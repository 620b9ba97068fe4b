package io.synapse.identity.oidc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * mock-oauth2-server, a real OpenID Connect server (code flow, PKCE, nonce, JWKS, userinfo), on
 * the port the test profile's providers name; started once per test JVM. The test plays the
 * browser: it follows each redirect itself, so it can also tamper with one.
 */
public final class MockOidc {

    static final int PORT = 18089;
    static final String FRONTEND = "http://localhost:5173/signed-in";
    static final String CLIENT_ID = "synapse-web";

    private static MockOAuth2Server server;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MockOidc() {
    }

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            MockOAuth2Server started = new MockOAuth2Server();
            try {
                started.start(InetAddress.getByName("localhost"), PORT);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            server = started;
        }
        return server;
    }

    /** The next token the issuer hands out carries these claims (the ID token's audience is the client id). */
    static void nextSignIn(String issuer, String subject, Map<String, Object> claims, long expirySeconds) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", List.of(CLIENT_ID), claims, expirySeconds));
    }

    public static void nextSignIn(String issuer, String subject, Map<String, Object> claims) {
        nextSignIn(issuer, subject, claims, 3600);
    }

    /**
     * A token signed by the issuer, as a trusted service would hold it: issued to the client named
     * by the audience (its azp), unless the claims name another party.
     */
    static String token(String issuer, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        String client = claims.getOrDefault("azp", audience).toString();
        return server().issueToken(issuer, client,
                new DefaultOAuth2TokenCallback(issuer, subject, "JWT", List.of(audience), claims, expirySeconds)).serialize();
    }

    /** The frontend's PKCE pair. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Step 1: our authorize endpoint; answers the provider URL it redirects to. */
    static URI authorize(String provider, Pkce pkce) {
        Response response = given().redirects().follow(false).queryParam("redirect_uri", FRONTEND)
                .queryParam("code_challenge", pkce.challenge()).get("/api/auth/oauth/{provider}/authorize", provider);
        assertEquals(302, response.statusCode(), response.asString());
        return URI.create(response.header("Location"));
    }

    /** The provider's side: it signs the user in at once and answers our callback URL, with code and state. */
    static URI atProvider(URI authorizeUrl) {
        Response response = given().redirects().follow(false).urlEncodingEnabled(false).get(authorizeUrl);
        assertEquals(302, response.statusCode(), response.asString());
        return URI.create(response.header("Location"));
    }

    /** Step 2: our callback; answers where it sends the browser (the frontend, with code or error). */
    static URI callback(URI callbackUrl) {
        Response response = given().redirects().follow(false).urlEncodingEnabled(false).get(callbackUrl);
        assertEquals(302, response.statusCode(), response.asString());
        return URI.create(response.header("Location"));
    }

    public static Map<String, String> query(URI uri) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** Step 3: the frontend trades its code and verifier for our tokens. */
    public static Response handoff(String code, String verifier) {
        return given().contentType("application/json").body(Map.of("code", code, "code_verifier", verifier)).post("/api/auth/oauth/token");
    }

    /** The whole flow for whoever the issuer's next callback says; answers the frontend's landing URL. */
    public static URI signIn(String provider, Pkce pkce) {
        return callback(atProvider(authorize(provider, pkce)));
    }
}
