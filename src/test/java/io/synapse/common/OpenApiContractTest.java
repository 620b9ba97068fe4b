package io.synapse.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 9, item 5: an OpenAPI document a frontend team can generate a client from. Every operation
 * has a unique operationId, a sentence for a summary, its real success status and problem+json
 * error answers; property names are the ones on the wire.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @SuppressWarnings("unchecked")
    private static List<Map.Entry<String, Map<String, Object>>> operations(JsonPath doc) {
        List<Map.Entry<String, Map<String, Object>>> all = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (METHODS.contains(method) && path.startsWith("/api/")) {
                all.add(Map.entry(method.toUpperCase() + " " + path, (Map<String, Object>) op));
            }
        }));
        return all;
    }

    private static JsonPath document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAUniqueIdASummaryAndProblemAnswers() {
        JsonPath doc = document();
        List<Map.Entry<String, Map<String, Object>>> operations = operations(doc);
        assertTrue(operations.size() >= 63, "operations: " + operations.size());
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : operations) {
            Map<String, Object> op = e.getValue();
            String id = (String) op.get("operationId");
            assertTrue(id != null && id.matches("[a-z][A-Za-z]+"), e.getKey() + " operationId " + id);
            assertTrue(ids.add(id), "duplicate operationId " + id);
            String summary = (String) op.get("summary");
            assertTrue(summary != null && summary.contains(" "), e.getKey() + " summary " + summary);
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            assertTrue(responses.keySet().stream().anyMatch(s -> s.startsWith("2") || s.startsWith("3")), e.getKey() + " has no success answer");
            for (String status : List.of("400", "503")) {
                Map<String, Object> problem = (Map<String, Object>) responses.get(status);
                assertEquals("#/components/responses/Problem" + status, problem.get("$ref"), e.getKey() + " " + status);
            }
            boolean register = e.getKey().contains("/api/auth/register");
            assertEquals(!register, responses.containsKey("401"), e.getKey() + " 401");
        }
        assertEquals("object", doc.getString("components.schemas.Problem.type"));
        assertTrue(doc.getMap("components.responses.Problem404.content").containsKey("application/problem+json"));
    }

    @Test
    void creationsAnswer201AndRemovalsAnswer204() {
        JsonPath doc = document();
        for (String create : List.of("/api/users", "/api/api-keys", "/api/admin/tokens", "/api/conversations", "/api/runs", "/api/reports",
                "/api/report-schedules", "/api/conversations/{id}/messages", "/api/imports/{kind}", "/api/auth/register")) {
            Map<String, Object> responses = doc.getMap("paths.'" + create + "'.post.responses");
            assertTrue(responses.containsKey("201"), create + " " + responses.keySet());
            // The one 200 among them is the streamed reply: the same POST with Accept: text/event-stream.
            assertTrue(!responses.containsKey("200") || create.endsWith("/messages"), create + " " + responses.keySet());
        }
        assertTrue(doc.getMap("paths.'/api/conversations/{id}/messages'.post.responses.'200'.content").containsKey("text/event-stream"));
        assertTrue(doc.getMap("paths.'/api/auth/logout'.post.responses").containsKey("204"));
        assertTrue(!doc.getMap("paths.'/api/auth/logout'.post.responses").containsKey("201"));
        for (String delete : List.of("/api/users/{id}", "/api/conversations/{id}", "/api/reports/{id}", "/api/api-keys/{id}")) {
            assertTrue(doc.getMap("paths.'" + delete + "'.delete.responses").containsKey("204"), delete);
        }
        assertEquals("#/components/schemas/UserView", doc.getString("paths.'/api/users'.post.responses.'201'.content.'application/json'.schema.$ref"));
    }

    @Test
    void propertiesAreNamedAsTheyAreOnTheWire() {
        JsonPath doc = document();
        Map<String, Object> user = doc.getMap("components.schemas.UserCreate.properties");
        assertTrue(user.containsKey("full_name") && user.containsKey("receive_email"), user.keySet().toString());
        assertTrue(!user.containsKey("fullName"), user.keySet().toString());
        // The main bodies carry examples a generated client's docs and Swagger UI show.
        assertEquals("admin@synapse.local", doc.getString("components.schemas.LoginRequest.properties.email.examples[0]") != null
                ? doc.getString("components.schemas.LoginRequest.properties.email.examples[0]")
                : doc.getString("components.schemas.LoginRequest.properties.email.example"));
        assertEquals("0 0 7 ? * MON", doc.getString("components.schemas.ScheduleCreate.properties.cron.examples[0]") != null
                ? doc.getString("components.schemas.ScheduleCreate.properties.cron.examples[0]")
                : doc.getString("components.schemas.ScheduleCreate.properties.cron.example"));
        Map<String, Object> key = doc.getMap("components.schemas.ApiKeyView.properties");
        assertTrue(key.containsKey("key_prefix") && key.containsKey("expires_at"), key.keySet().toString());
    }
}
