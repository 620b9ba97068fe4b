package io.synapse.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers that go through the public API only. Every test user gets a unique e-mail, so
 * test classes never see each other's rows and the per-e-mail login limit never trips by accident.
 */
public final class Api {

    public static final String ADMIN_EMAIL = ConfigProvider.getConfig().getValue("synapse.admin.email", String.class);
    public static final String ADMIN_PASSWORD = ConfigProvider.getConfig().getValue("synapse.admin.password", String.class);
    public static final String PASSWORD = "correct-horse-9";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile String adminToken;

    private Api() {
    }

    /** A logged-in user: their id, e-mail and a fresh login's tokens. */
    public record Login(UUID id, String email, String accessToken, String refreshToken, UUID sessionId) {
        public RequestSpecification as() {
            return given().auth().oauth2(accessToken);
        }
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@test.local";
    }

    /** The bootstrap admin's token, logged in once per test JVM (the login limit counts per e-mail). */
    public static synchronized String admin() {
        while (adminToken == null) {
            // Each test profile restarts the app and logs in again; logins are limited to 5 a minute.
            Response response = given().contentType(ContentType.JSON).body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                    .post("/api/auth/login");
            if (response.statusCode() == 429) {
                try {
                    Thread.sleep(1000L * Integer.parseInt(response.header("Retry-After")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                continue;
            }
            response.then().statusCode(200);
            adminToken = response.path("access_token");
        }
        return adminToken;
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(admin());
    }

    public static RequestSpecification json(RequestSpecification spec) {
        return spec.contentType(ContentType.JSON);
    }

    /** Creates a user with the role through the admin API and logs them in. */
    public static Login user(String role) {
        String email = uniqueEmail(role);
        UUID id = UUID.fromString(json(asAdmin()).body(Map.of("email", email, "password", PASSWORD, "role", role, "full_name", "Test " + role))
                .post("/api/users").then().statusCode(201).extract().path("id"));
        Login login = login(email, PASSWORD);
        return new Login(id, email, login.accessToken(), login.refreshToken(), login.sessionId());
    }

    public static Login login(String email, String password) {
        Response response = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password)).post("/api/auth/login");
        response.then().statusCode(200);
        return new Login(UUID.fromString(response.path("user.id")), email, response.path("access_token"), response.path("refresh_token"),
                UUID.fromString(response.path("session_id")));
    }

    /** Creates an API key for the user with the scopes and returns its secret. */
    public static String apiKey(Login owner, String... scopes) {
        return json(owner.as()).body(Map.of("name", "key-" + SEQUENCE.incrementAndGet(), "scopes", scopes))
                .post("/api/api-keys").then().statusCode(201).extract().path("key");
    }

    public static String oneMegabyte() {
        return "x".repeat(1024 * 1024);
    }
}
