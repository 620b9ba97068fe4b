package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class MeResourceTest {

    @Test
    void anonymousCallersGet401() {
        assertProblem(given().get("/api/me"), 401);
        assertProblem(given().contentType(ContentType.JSON).body("{}").patch("/api/me"), 401);
        assertProblem(given().get("/api/me/sessions"), 401);
    }

    @Test
    void profileUpdateIsStoredAndAudited() {
        Api.Login me = Api.user("viewer");
        Api.json(me.as()).body(Map.of("full_name", "New Name", "receive_email", false, "preferences", Map.of("theme", "dark", "page_size", 25)))
                .patch("/api/me").then().statusCode(200)
                .body("full_name", equalTo("New Name")).body("receive_email", equalTo(false))
                .body("preferences.theme", equalTo("dark")).body("role", equalTo("viewer"));
        me.as().get("/api/me").then().body("preferences.page_size", equalTo(25));
        AuditLog row = Db.tx(() -> AuditLog.<AuditLog>find("action = 'me.update' and userId = ?1", me.id()).firstResult());
        assertEquals("New Name", row.newValues.get("full_name"));
        assertEquals("Test viewer", row.oldValues.get("full_name"));
    }

    @Test
    void aViewerCannotPromoteThemselves() {
        Api.Login me = Api.user("viewer");
        assertProblem(Api.json(me.as()).body(Map.of("role", "admin")).patch("/api/me"), 400).body("errors[0].field", equalTo("role"));
        assertProblem(Api.json(me.as()).body(Map.of("email", "other@x.y")).patch("/api/me"), 400);
        me.as().get("/api/me").then().body("role", equalTo("viewer")).body("email", equalTo(me.email()));
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
        Api.Login me = Api.user("rep");
        Api.Login other = Api.login(me.email(), Api.PASSWORD);
        assertProblem(Api.json(me.as()).body(Map.of("current_password", "wrong-one!", "new_password", "brand-new-pass")).patch("/api/me"), 400)
                .body("errors[0].field", equalTo("current_password"));
        assertProblem(Api.json(me.as()).body(Map.of("new_password", "brand-new-pass")).patch("/api/me"), 400);
        assertProblem(Api.json(me.as()).body(Map.of("current_password", Api.PASSWORD, "new_password", "é".repeat(40))).patch("/api/me"), 400)
                .body("errors[0].field", equalTo("new_password"));
        other.as().get("/api/me").then().statusCode(200);

        Api.json(me.as()).body(Map.of("current_password", Api.PASSWORD, "new_password", "brand-new-pass")).patch("/api/me").then().statusCode(200);
        me.as().get("/api/me").then().statusCode(200);
        assertProblem(other.as().get("/api/me"), 401);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("refresh_token", other.refreshToken())).post("/api/auth/refresh"), 401);
        Api.login(me.email(), "brand-new-pass");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("email", me.email(), "password", Api.PASSWORD)).post("/api/auth/login"), 401);
    }

    @Test
    void badProfileInputChangesNothing() {
        Api.Login me = Api.user("viewer");
        assertProblem(Api.json(me.as()).body(Map.of("nickname", "x")).patch("/api/me"), 400).body("errors[0].field", equalTo("nickname"));
        assertProblem(Api.json(me.as()).body(Map.of("receive_email", "abc")).patch("/api/me"), 400).body("errors[0].field", equalTo("receive_email"));
        assertProblem(Api.json(me.as()).body("{\"full_name\": ").patch("/api/me"), 400);
        assertProblem(Api.json(me.as()).body(Map.of("full_name", Api.oneMegabyte())).patch("/api/me"), 400);
        assertProblem(Api.json(me.as()).body(Map.of("preferences", "not-an-object")).patch("/api/me"), 400);
        me.as().get("/api/me").then().body("full_name", equalTo("Test viewer")).body("receive_email", equalTo(true));
    }

    @Test
    void sessionsAreListedPerUserWithKeysetPaging() {
        Api.Login me = Api.user("viewer");
        Api.login(me.email(), Api.PASSWORD);
        Api.login(me.email(), Api.PASSWORD);
        Api.Login stranger = Api.user("viewer");

        Response first = me.as().queryParam("limit", 2).get("/api/me/sessions");
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("next_cursor", notNullValue());
        Response second = me.as().queryParam("limit", 2).queryParam("cursor", first.<String>path("next_cursor")).get("/api/me/sessions");
        second.then().statusCode(200).body("items.size()", equalTo(1));
        List<String> ids = new ArrayList<>(first.path("items.id"));
        ids.addAll(second.path("items.id"));
        assertEquals(3, ids.stream().distinct().count());
        me.as().get("/api/me/sessions").then().body("items.id", not(hasItem(stranger.sessionId().toString())))
                .body("items.findAll { it.current }.id", equalTo(List.of(me.sessionId().toString())));

        assertProblem(me.as().queryParam("limit", 0).get("/api/me/sessions"), 400);
        assertProblem(me.as().queryParam("limit", "abc").get("/api/me/sessions"), 400);
        assertProblem(me.as().queryParam("limit", 501).get("/api/me/sessions"), 400);
        assertProblem(me.as().queryParam("cursor", "bm9wZQ").get("/api/me/sessions"), 400);
    }

    @Test
    void endingASessionRevokesItButOthersAreOutOfReach() {
        Api.Login me = Api.user("viewer");
        Api.Login second = Api.login(me.email(), Api.PASSWORD);
        Api.Login stranger = Api.user("viewer");

        assertProblem(me.as().delete("/api/me/sessions/" + stranger.sessionId()), 404);
        stranger.as().get("/api/me").then().statusCode(200);
        assertProblem(me.as().delete("/api/me/sessions/" + UUID.randomUUID()), 404);

        me.as().delete("/api/me/sessions/" + second.sessionId()).then().statusCode(204);
        assertProblem(second.as().get("/api/me"), 401);
        me.as().get("/api/me").then().statusCode(200);
        me.as().get("/api/me/sessions").then().body("items.findAll { !it.active }.end_reason", everyItem(equalTo("revoked")));
    }

    @Test
    void absentFieldsStayAsTheyAreAndANullBodyIsRejected() {
        Api.Login me = Api.user("viewer");
        Api.json(me.as()).body(Map.of("company", "Acme")).patch("/api/me").then().statusCode(200)
                .body("company", equalTo("Acme")).body("full_name", equalTo("Test viewer")).body("receive_email", equalTo(true));
        assertProblem(Api.json(me.as()).body("null").patch("/api/me"), 400);
        me.as().get("/api/me").then().body("company", equalTo("Acme"));
    }

    @Test
    void evenAnAdminCannotEndSomeoneElsesSessionThroughMe() {
        Api.Login stranger = Api.user("viewer");
        assertProblem(Api.asAdmin().delete("/api/me/sessions/" + stranger.sessionId()), 404);
        stranger.as().get("/api/me").then().statusCode(200);
    }
}
