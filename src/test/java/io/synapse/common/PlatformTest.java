package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class PlatformTest {

    private static final String UUID_PATTERN = "[0-9a-f-]{36}";

    @Test
    void everyResponseCarriesARequestId() {
        given().get("/q/health/live").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID_PATTERN));
        given().get("/api/me").then().statusCode(401).header("X-Request-Id", matchesPattern(UUID_PATTERN));
        given().header("X-Request-Id", "client-chosen-42").get("/q/health/live").then().header("X-Request-Id", equalTo("client-chosen-42"));
        // a header that could smuggle anything into logs is replaced, not echoed
        String replaced = given().header("X-Request-Id", "bad id\twith spaces").get("/q/health/live").header("X-Request-Id");
        assertNotEquals("bad id\twith spaces", replaced);
    }

    @Test
    void readinessCoversDatabaseAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("Database connections health check", "Redis connection health check"));
    }

    @Test
    void openApiDeclaresBothSecuritySchemes() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes", hasKey("jwt"))
                .body("components.securitySchemes", hasKey("apiKey"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("paths", hasKey("/api/auth/login"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void oversizeBodiesAndUnknownPathsAreProblems() {
        assertProblem(given().contentType("application/json").body("a".repeat(3 * 1024 * 1024)).post("/api/auth/login"), 413);
        assertProblem(given().get("/api/no-such-thing"), 404);
    }

    @Test
    void unknownMethodsAndTypesAreProblems() {
        assertProblem(given().put("/api/auth/login"), 405);
        assertProblem(given().contentType("application/xml").body("<x/>").post("/api/auth/login"), 415);
    }

    /** JSON endpoints need a declared length; chunked bodies are for CSV imports and document uploads only. */
    @Test
    void chunkedBodiesAreRefusedOutsideImports() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"email\":\"a@b.c\",\"password\":\"x\"}".getBytes())))
                .build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(411, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
    }
}
