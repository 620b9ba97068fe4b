package io.synapse.telemetry;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

@QuarkusTest
class AuditLogResourceTest {

    @Test
    void onlyAdminsReadTheTrail() {
        for (String role : List.of("viewer", "rep", "manager")) {
            assertProblem(Api.user(role).as().get("/api/audit-logs"), 403);
        }
        assertProblem(given().get("/api/audit-logs"), 401);
    }

    @Test
    void changesAreRecordedWithValuesButNeverHashes() {
        Api.Login user = Api.user("rep");
        String id = user.id().toString();
        Api.json(Api.asAdmin()).body(Map.of("company", "Globex", "password", "another-pass-1")).patch("/api/users/" + id).then().statusCode(200);
        Response rows = Api.asAdmin().queryParam("resource_type", "user").queryParam("resource_id", id).get("/api/audit-logs");
        rows.then().statusCode(200)
                .body("items.action", equalTo(List.of("user.update", "user.create")))
                .body("items[0].old_values", not(hasKey("password_hash")))
                .body("items[0].new_values", not(hasKey("password_hash")))
                .body("items[0].new_values.company", equalTo("Globex"))
                .body("items[0].metadata.password_reset", equalTo(true))
                .body("items[0].request_id", notNullValue())
                .body("items[0].ip_address", notNullValue())
                .body("items[0].success", equalTo(true));
        assertTrue(!rows.asString().contains("$2a$"), "no bcrypt hash anywhere in the trail");
    }

    @Test
    void failedLoginsAndDenialsLeaveRows() {
        Api.Login viewer = Api.user("viewer");
        given().contentType(ContentType.JSON).body(Map.of("email", viewer.email(), "password", "wrong-password")).post("/api/auth/login")
                .then().statusCode(401);
        Api.asAdmin().queryParam("action", "auth.login").queryParam("user_id", viewer.id()).queryParam("success", false)
                .get("/api/audit-logs").then().body("items.size()", equalTo(1)).body("items[0].response_status", equalTo(401));

        String requestId = "deny-" + System.nanoTime();
        viewer.as().header("X-Request-Id", requestId).get("/api/users").then().statusCode(403);
        Db.eventually(() -> AuditLog.count("requestId = ?1 and action = 'auth.denied.forbidden' and userId = ?2", requestId, viewer.id()) == 1);

        String anonymousId = "anon-" + System.nanoTime();
        given().header("X-Request-Id", anonymousId).auth().oauth2("forged.token.value").get("/api/me").then().statusCode(401);
        Db.eventually(() -> AuditLog.count("requestId = ?1 and action = 'auth.denied.unauthenticated' and success = false", anonymousId) == 1);
    }

    @Test
    void filtersAndKeysetPagesAreDisjointAndNewestFirst() {
        Api.Login subject = Api.user("viewer");
        for (int i = 0; i < 4; i++) {
            Api.json(Api.asAdmin()).body(Map.of("company", "C" + i)).patch("/api/users/" + subject.id()).then().statusCode(200);
        }
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        do {
            var spec = Api.asAdmin().queryParam("resource_id", subject.id()).queryParam("limit", 2);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            Response page = spec.get("/api/audit-logs");
            ids.addAll(page.path("items.id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(5, ids.size(), "create + four updates");
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort(Collections.reverseOrder());
        assertEquals(sorted, ids);
        assertEquals(5, ids.stream().distinct().count());

        Api.asAdmin().queryParam("resource_id", subject.id()).queryParam("action", "user.update").get("/api/audit-logs")
                .then().body("items.size()", equalTo(4)).body("items.action", everyItem(equalTo("user.update")));
        Api.asAdmin().queryParam("resource_id", subject.id()).queryParam("from", "2099-01-01T00:00:00Z").get("/api/audit-logs")
                .then().body("items.size()", equalTo(0));
        Api.asAdmin().queryParam("resource_id", subject.id()).queryParam("to", "2000-01-01T00:00:00Z").get("/api/audit-logs")
                .then().body("items.size()", equalTo(0));
    }

    @Test
    void badFiltersAreProblems() {
        assertProblem(Api.asAdmin().queryParam("user_id", "not-a-uuid").get("/api/audit-logs"), 400).body("errors[0].field", equalTo("user_id"));
        assertProblem(Api.asAdmin().queryParam("success", "maybe").get("/api/audit-logs"), 400);
        assertProblem(Api.asAdmin().queryParam("from", "yesterday").get("/api/audit-logs"), 400).body("errors[0].field", equalTo("from"));
        assertProblem(Api.asAdmin().queryParam("cursor", "@@@").get("/api/audit-logs"), 400);
        assertProblem(Api.asAdmin().queryParam("action", "a".repeat(300)).get("/api/audit-logs"), 400);
    }

    @Test
    void anAdminsKeyScopedBelowAdminCannotRead() {
        Api.Login admin = Api.user("admin");
        assertProblem(given().header("X-API-Key", Api.apiKey(admin, "manager")).get("/api/audit-logs"), 403);
        given().header("X-API-Key", Api.apiKey(admin, "admin")).queryParam("limit", 1).get("/api/audit-logs").then().statusCode(200);
    }

    @Test
    void unknownEmailsAndEndedSessionsAreRecordedToo() {
        String login = "unknown-login-" + System.nanoTime();
        given().header("X-Request-Id", login).contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("ghost"), "password", "whatever-123")).post("/api/auth/login").then().statusCode(401);
        AuditLog row = Db.tx(() -> AuditLog.<AuditLog>find("requestId", login).firstResult());
        assertEquals("auth.login", row.action);
        assertEquals(false, row.success);
        assertEquals(null, row.userId);

        Api.Login viewer = Api.user("viewer");
        Db.run(() -> io.synapse.identity.UserSession.update("endedAt = ?1, endReason = 'revoked' where id = ?2", java.time.Instant.now(), viewer.sessionId()));
        String ended = "ended-session-" + System.nanoTime();
        assertProblem(viewer.as().header("X-Request-Id", ended).get("/api/me"), 401);
        Db.eventually(() -> Db.tx(() -> AuditLog.count("requestId = ?1 and action = 'auth.denied.unauthenticated' and errorMessage = 'session ended'", ended)) == 1);
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        Api.Login subject = Api.user("viewer");
        java.time.Instant at = Db.tx(() -> AuditLog.<AuditLog>find("action = 'user.create' and resourceId = ?1", subject.id().toString()).firstResult().createdAt);
        String id = subject.id().toString();
        Api.asAdmin().queryParam("resource_id", id).queryParam("action", "user.create").queryParam("from", at.toString()).get("/api/audit-logs")
                .then().body("items.size()", equalTo(1));
        Api.asAdmin().queryParam("resource_id", id).queryParam("action", "user.create").queryParam("to", at.toString()).get("/api/audit-logs")
                .then().body("items.size()", equalTo(0));
        Api.asAdmin().queryParam("resource_id", id).queryParam("action", "user.create").queryParam("to", at.plusMillis(1).toString()).get("/api/audit-logs")
                .then().body("items.size()", equalTo(1));
    }
}
