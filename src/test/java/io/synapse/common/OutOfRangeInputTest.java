package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.synapse.identity.ApiKey;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Issue 9, item 1: dates and cursors that Java parses but PostgreSQL cannot hold reached the
 * database and answered 500. Every list and every date parameter or field refuses them with 400.
 */
@QuarkusTest
class OutOfRangeInputTest {

    private static final List<String> BAD_INSTANTS = List.of("+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z");

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tamperedCursorsAreRefusedOnEveryList() {
        Api.Login manager = Api.user("manager");
        String admin = Api.admin();
        List<String> timeLists = List.of("/api/users", "/api/api-keys", "/api/admin/tokens", "/api/conversations", "/api/runs", "/api/feedback",
                "/api/reports", "/api/report-schedules", "/api/me/reports", "/api/me/sessions");
        List<String> idLists = List.of("/api/audit-logs", "/api/imports", "/api/faturamento", "/api/estoque", "/api/clientes");
        List<String> timeCursors = List.of(cursor("-9223372036854775808:" + UUID.randomUUID()), cursor("9223372036854775807:" + UUID.randomUUID()),
                cursor("253402300800000000:" + UUID.randomUUID()), cursor("1:not-a-uuid"), "%%%", cursor("nothing"));
        List<String> idCursors = List.of(cursor("-9223372036854775808"), cursor("-1"), cursor("99999999999999999999"), "***");
        for (String list : timeLists) {
            for (String bad : timeCursors) {
                String token = list.startsWith("/api/users") || list.startsWith("/api/admin") ? admin : manager.accessToken();
                assertProblem(given().auth().oauth2(token).queryParam("cursor", bad).get(list), 400).body("errors[0].field", equalTo("cursor"));
            }
        }
        for (String list : idLists) {
            for (String bad : idCursors) {
                String token = list.startsWith("/api/audit") ? admin : manager.accessToken();
                assertProblem(given().auth().oauth2(token).queryParam("cursor", bad).get(list), 400).body("errors[0].field", equalTo("cursor"));
            }
        }
        String conversation = Api.json(manager.as()).body(Map.of("title", "c")).post("/api/conversations").then().statusCode(201).extract().path("id");
        for (String bad : idCursors) {
            assertProblem(manager.as().queryParam("cursor", bad).get("/api/conversations/" + conversation + "/messages"), 400);
        }
    }

    @Test
    void datesOutsideYearsOneTo9999AreRefusedInQueriesAndBodies() {
        Api.Login manager = Api.user("manager");
        String admin = Api.admin();
        for (String bad : BAD_INSTANTS) {
            for (String list : List.of("/api/runs", "/api/feedback", "/api/analytics/usage")) {
                for (String name : List.of("from", "to")) {
                    assertProblem(manager.as().queryParam(name, bad).get(list), 400).body("errors[0].field", equalTo(name));
                }
            }
            assertProblem(given().auth().oauth2(admin).queryParam("from", bad).get("/api/audit-logs"), 400).body("errors[0].field", equalTo("from"));
            assertProblem(Api.json(manager.as()).body("{\"name\":\"k\",\"scopes\":[\"viewer\"],\"expires_at\":\"" + bad + "\"}").post("/api/api-keys"), 400)
                    .body("errors[0].field", equalTo("expires_at"));
        }
        assertProblem(Api.json(manager.as()).body("{\"name\":\"k\",\"scopes\":[\"viewer\"],\"expires_at\":\"+300000-01-01T00:00:00Z\"}")
                .post("/api/api-keys"), 400).body("errors[0].field", equalTo("expires_at"));
        assertEquals(0L, Db.tx(() -> ApiKey.count("userId", manager.id())));
        for (String bad : List.of("+294277-01-01", "-4714-01-01", "+999999999-12-31", "0000-12-31")) {
            for (String path : List.of("/api/faturamento", "/api/estoque", "/api/analytics/business/sales-by-uf")) {
                assertProblem(manager.as().queryParam("from", bad).get(path), 400).body("errors[0].field", equalTo("from"));
            }
            assertProblem(Api.json(manager.as()).body(Map.of("name", "r " + UUID.randomUUID(), "template", "sales-overview", "parameters",
                    Map.of("from", bad))).post("/api/reports"), 400).body("errors[0].field", equalTo("from"));
        }
        // The edges themselves are fine.
        manager.as().queryParam("from", "0001-01-01T00:00:00Z").queryParam("to", "9999-12-31T23:59:59Z").get("/api/runs").then().statusCode(200);
        manager.as().queryParam("from", "0001-01-01").queryParam("to", "9999-12-31").get("/api/faturamento").then().statusCode(200);
    }
}
