package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.chat.Conversation;
import io.synapse.support.Api;
import io.synapse.support.Db;

/** Issue 9, item 4: strict JSON, strict methods and media types, security headers and CORS. */
@QuarkusTest
class StrictHttpTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    private HttpResponse<String> raw(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void trailingGarbageAfterTheBodyIsRefusedAndNothingIsWritten() {
        Api.Login viewer = Api.user("viewer");
        for (String body : List.of("{\"title\":\"a\"} xyz", "{\"title\":\"a\"}{\"title\":\"b\"}", "{\"title\":\"a\"} ]", "{\"title\":\"a\"} 1")) {
            assertProblem(Api.json(viewer.as()).body(body).post("/api/conversations"), 400);
        }
        assertEquals(0L, Db.tx(() -> Conversation.count("userId", viewer.id())));
        Api.json(viewer.as()).body("{\"title\":\"a\"}  \n").post("/api/conversations").then().statusCode(201);
    }

    @Test
    void numbersAreNotBooleans() {
        Api.Login viewer = Api.user("viewer");
        for (String value : List.of("1", "0", "1.0", "\"true\"")) {
            assertProblem(Api.json(viewer.as()).body("{\"receive_email\":" + value + "}").patch("/api/me"), 400)
                    .body("errors[0].field", equalTo("receive_email"));
        }
        viewer.as().get("/api/me").then().body("receive_email", equalTo(true));
    }

    @Test
    void aBodyWithoutAContentTypeIsUnsupported() throws Exception {
        Api.Login viewer = Api.user("viewer");
        HttpResponse<String> response = raw("POST", "/api/conversations", "{\"title\":\"untyped\"}", "Authorization", "Bearer " + viewer.accessToken());
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(0L, Db.tx(() -> Conversation.count("userId", viewer.id())));
        // Before authentication too: an anonymous login without a type is refused the same way.
        assertEquals(415, raw("POST", "/api/auth/login", "{\"email\":\"a@b.c\",\"password\":\"x\"}").statusCode());
        // No body, no type: fine (logout has no body).
        assertEquals(204, raw("POST", "/api/auth/logout", null, "Authorization", "Bearer " + Api.user("viewer").accessToken()).statusCode());
    }

    @Test
    void frameworkEndpointsAnswerOnlyReads() throws Exception {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health", "/q/metrics", "/q/openapi")) {
            for (String method : List.of("TRACE", "PROPFIND", "FOO", "POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> response = raw(method, path, null);
                assertEquals(405, response.statusCode(), method + " " + path + ": " + response.body());
                assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElse(null));
            }
            assertEquals(200, raw("GET", path, null).statusCode(), path);
        }
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (var response : List.of(given().get("/api/me"), given().get("/q/health/live"), Api.asAdmin().get("/api/users?limit=1"))) {
            response.then().header("X-Content-Type-Options", equalTo("nosniff")).header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        given().get("/api/me").then().header("Content-Security-Policy", containsString("default-src 'none'"));
        Api.asAdmin().get("/api/users?limit=1").then().header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void corsLetsTheConfiguredFrontendInAndNoOneElse() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-request-id").options("/api/conversations")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Access-Control-Allow-Credentials", equalTo("true"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "http://localhost:5173").get("/api/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").options("/api/conversations")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/api/me").then().header("Access-Control-Allow-Origin", nullValue());
    }
}
