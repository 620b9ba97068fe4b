package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.business.Csv;
import io.synapse.support.Api;
import io.synapse.support.OutageServers;

/**
 * Issue 9, item 2: with PostgreSQL stopped every request answered 500 after waiting; with Redis
 * stopped a login took 12.6 s. Against servers this test starts and stops itself: PostgreSQL down
 * answers 503 problem+json with Retry-After, quickly; Redis down costs milliseconds and changes no
 * answer; both recover on their own when the server is back.
 */
@QuarkusTest
@TestProfile(OutageTest.OwnServers.class)
class OutageTest {

    public static class OwnServers implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OutageServers.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synapse.redis.cooldown", "1s");
        }
    }

    OutageServers.Control servers;

    private static long millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void withPostgresDownRequestsAnswer503QuicklyAndRecover() throws Exception {
        Api.Login viewer = Api.user("viewer");
        Api.json(viewer.as()).body(Map.of("title", "before")).post("/api/conversations").then().statusCode(201);
        servers.stopPostgres();
        try {
            for (Response response : List.of(Api.json(viewer.as()).body(Map.of("title", "during")).post("/api/conversations"),
                    viewer.as().get("/api/conversations"), viewer.as().get("/api/me"),
                    given().contentType("application/json").body(Map.of("email", viewer.email(), "password", Api.PASSWORD))
                            .post("/api/auth/login"),
                    // sign-in through a provider: "plain" names its endpoints, so the database is the first thing asked
                    given().redirects().follow(false).queryParam("code_challenge", "a".repeat(43)).get("/api/auth/oauth/plain/authorize"),
                    given().redirects().follow(false).queryParam("code", "c").queryParam("state", "s").get("/api/auth/oauth/plain/callback"),
                    given().contentType("application/json").body(Map.of("code", "a".repeat(43), "code_verifier", "v".repeat(43)))
                            .post("/api/auth/oauth/token"))) {
                assertProblem(response, 503).header("Retry-After", equalTo("5"));
            }
            long took = millis(() -> viewer.as().get("/api/conversations").then().statusCode(503));
            assertTrue(took < 4000, "a 503 must come fast, took " + took + " ms");
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            servers.startPostgres();
        }
        // The pool reconnects by itself.
        long deadline = System.currentTimeMillis() + 15_000;
        while (viewer.as().get("/api/conversations").statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        viewer.as().get("/api/conversations").then().statusCode(200).body("items.title", equalTo(List.of("before")));
    }

    @Test
    void withRedisDownEverythingAnswersWithinMillisecondsAndAnalyticsAreComputedDirectly() throws Exception {
        Api.Login manager = Api.user("manager");
        Csv.upload(manager, "faturamento", Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2041-01-01", "9500001", "SP", "3") + "\n", null)
                .then().statusCode(201);
        String analysis = "/api/analytics/business/sales-by-uf?from=2041-01-01&to=2041-02-01";
        manager.as().get(analysis).then().statusCode(200).body("cached", equalTo(false));
        manager.as().get(analysis).then().statusCode(200).body("cached", equalTo(true));
        servers.stopRedis();
        try {
            // The first call after the loss may wait quarkus.redis.timeout once; after that Redis is skipped.
            manager.as().get("/api/me").then().statusCode(200);
            long login = millis(() -> Api.login(manager.email(), Api.PASSWORD));
            assertTrue(login < 1500, "a login during a Redis outage took " + login + " ms");
            for (int i = 0; i < 2; i++) {
                manager.as().get(analysis).then().statusCode(200).body("cached", equalTo(false)).body("rows[0].uf", equalTo("SP"))
                        .body("rows[0].tons", equalTo(3.0f));
            }
            long reads = millis(() -> {
                for (int i = 0; i < 20; i++) {
                    manager.as().get("/api/me").then().statusCode(200);
                }
            });
            assertTrue(reads < 3000, "20 requests during a Redis outage took " + reads + " ms");
        } finally {
            servers.startRedis();
        }
        Thread.sleep(1500); // the cooldown
        manager.as().get(analysis).then().statusCode(200);
        long deadline = System.currentTimeMillis() + 10_000;
        boolean cached = false;
        while (!cached && System.currentTimeMillis() < deadline) {
            cached = manager.as().get(analysis).then().statusCode(200).extract().<Boolean>path("cached");
            Thread.sleep(200);
        }
        assertEquals(true, cached, "analytics are cached again once Redis is back");
    }
}
