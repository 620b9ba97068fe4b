package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

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
}
