package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

@QuarkusTest
class AdminTokenResourceTest {

    private static Response issue(Map<String, ?> body) {
        return Api.json(Api.asAdmin()).body(body).post("/api/admin/tokens");
    }

    @Test
    void aTokenForAUserCarriesOnlyTheGrantedRoles() {
        Api.Login admin = Api.user("admin");
        Response narrow = issue(Map.of("user_id", admin.id(), "roles", List.of("viewer"), "ttl", "PT1H", "description", "read-only dashboard"));
        narrow.then().statusCode(201).body("jti", notNullValue()).body("token", notNullValue()).body("roles", equalTo(List.of("viewer")))
                .body("issued_by", notNullValue());
        given().auth().oauth2(narrow.<String>path("token")).get("/api/me").then().statusCode(200).body("id", equalTo(admin.id().toString()));
        assertProblem(given().auth().oauth2(narrow.<String>path("token")).get("/api/users"), 403);

        Response full = issue(Map.of("user_id", admin.id(), "roles", List.of("admin"), "ttl", 3600));
        full.then().statusCode(201);
        given().auth().oauth2(full.<String>path("token")).get("/api/users").then().statusCode(200);
        IssuedToken row = Db.tx(() -> IssuedToken.findById(UUID.fromString(full.path("jti"))));
        assertEquals(admin.id(), row.userId);
    }

    @Test
    void serviceTokensHoldAnyRoles() {
        Response service = issue(Map.of("service_name", "etl-bot", "roles", List.of("admin"), "ttl", "PT10M"));
        service.then().statusCode(201).body("service_name", equalTo("etl-bot")).body("user_id", nullValue());
        given().auth().oauth2(service.<String>path("token")).get("/api/users").then().statusCode(200);
        // a service has no profile
        assertProblem(given().auth().oauth2(service.<String>path("token")).get("/api/me"), 409);
    }

    @Test
    void invalidRequestsAre422Or400AndIssueNothing() {
        Api.Login rep = Api.user("rep");
        long before = Db.tx(() -> IssuedToken.count());
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of("manager"), "ttl", "PT1H")), 422).body("errors[0].field", equalTo("roles"));
        assertProblem(issue(Map.of("user_id", rep.id(), "service_name", "both", "roles", List.of("viewer"), "ttl", "PT1H")), 422);
        assertProblem(issue(Map.of("roles", List.of("viewer"), "ttl", "PT1H")), 422);
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of("viewer"), "ttl", "P91D")), 422).body("errors[0].field", equalTo("ttl"));
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of("viewer"), "ttl", "PT0S")), 422);
        assertProblem(issue(Map.of("user_id", UUID.randomUUID(), "roles", List.of("viewer"), "ttl", "PT1H")), 422);
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of("viewer"), "ttl", "forever")), 400);
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of(), "ttl", "PT1H")), 400);
        assertProblem(issue(Map.of("user_id", rep.id(), "roles", List.of("viewer"))), 400).body("errors[0].field", equalTo("ttl"));
        assertProblem(issue(Map.of("service_name", "Bad Name!", "roles", List.of("viewer"), "ttl", "PT1H")), 400);
        assertProblem(issue(Map.of("service_name", "x".repeat(200), "roles", List.of("viewer"), "ttl", "PT1H")), 400);
        assertProblem(Api.json(Api.asAdmin()).body("{").post("/api/admin/tokens"), 400);
        assertEquals(before, Db.tx(() -> IssuedToken.count()));
    }

    @Test
    void onlyAdminsIssueListAndRevoke() {
        for (String role : List.of("viewer", "rep", "manager")) {
            Api.Login caller = Api.user(role);
            assertProblem(Api.json(caller.as()).body(Map.of("service_name", "x", "roles", List.of("viewer"), "ttl", "PT1H")).post("/api/admin/tokens"), 403);
            assertProblem(caller.as().get("/api/admin/tokens"), 403);
            assertProblem(caller.as().delete("/api/admin/tokens/" + UUID.randomUUID()), 403);
        }
        assertProblem(given().get("/api/admin/tokens"), 401);
    }

    @Test
    void revocationIsImmediateRecordedAndIdempotent() {
        Api.Login rep = Api.user("rep");
        Response issued = issue(Map.of("user_id", rep.id(), "roles", List.of("rep"), "ttl", "PT1H"));
        String jti = issued.path("jti");
        String token = issued.path("token");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        Api.asAdmin().delete("/api/admin/tokens/" + jti).then().statusCode(204);
        assertProblem(given().auth().oauth2(token).get("/api/me"), 401);
        Api.asAdmin().delete("/api/admin/tokens/" + jti).then().statusCode(204);
        assertProblem(Api.asAdmin().delete("/api/admin/tokens/" + UUID.randomUUID()), 404);
        Api.asAdmin().queryParam("user_id", rep.id()).get("/api/admin/tokens").then().statusCode(200)
                .body("items[0].jti", equalTo(jti)).body("items[0].revoked_at", notNullValue()).body("items[0].token", nullValue());
    }

    @Test
    void aUsersIssuedTokenDiesWithTheirSuspension() {
        Api.Login manager = Api.user("manager");
        String token = issue(Map.of("user_id", manager.id(), "roles", List.of("manager"), "ttl", "PT1H")).then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/" + manager.id()).then().statusCode(200);
        assertProblem(given().auth().oauth2(token).get("/api/me"), 401);
        assertProblem(issue(Map.of("user_id", manager.id(), "roles", List.of("viewer"), "ttl", "PT1H")), 422);
    }

    @Test
    void listFiltersAndPages() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            issue(Map.of("service_name", service, "roles", List.of("viewer"), "ttl", "PT1H")).then().statusCode(201);
        }
        String revoked = issue(Map.of("service_name", service, "roles", List.of("viewer"), "ttl", "PT1H")).then().extract().path("jti");
        Api.asAdmin().delete("/api/admin/tokens/" + revoked).then().statusCode(204);

        Response first = Api.asAdmin().queryParam("service_name", service).queryParam("limit", 3).get("/api/admin/tokens");
        first.then().statusCode(200).body("items.size()", equalTo(3)).body("next_cursor", notNullValue());
        Api.asAdmin().queryParam("service_name", service).queryParam("limit", 3).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/api/admin/tokens").then().body("items.size()", equalTo(1)).body("next_cursor", nullValue());
        Api.asAdmin().queryParam("service_name", service).queryParam("active", true).get("/api/admin/tokens").then()
                .body("items.size()", equalTo(3)).body("items.jti", not(hasItem(revoked))).body("items.revoked_at", everyItem(nullValue()));
        Api.asAdmin().queryParam("service_name", service).queryParam("active", false).get("/api/admin/tokens").then()
                .body("items.jti", equalTo(List.of(revoked)));
        assertProblem(Api.asAdmin().queryParam("active", "maybe").get("/api/admin/tokens"), 400);
        assertProblem(Api.asAdmin().queryParam("user_id", "x").get("/api/admin/tokens"), 400);
    }

    @Test
    void aUsersTokenIsCappedByDemotionAndDiesWithDeletion() {
        Api.Login admin = Api.user("admin");
        Response issued = issue(Map.of("user_id", admin.id(), "roles", List.of("admin"), "ttl", "PT1H"));
        issued.then().statusCode(201);
        String token = issued.path("token");
        given().auth().oauth2(token).get("/api/users").then().statusCode(200);
        Api.json(Api.asAdmin()).body(Map.of("role", "rep")).patch("/api/users/" + admin.id()).then().statusCode(200);
        assertProblem(given().auth().oauth2(token).get("/api/users"), 403);
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        Api.asAdmin().delete("/api/users/" + admin.id()).then().statusCode(204);
        assertProblem(given().auth().oauth2(token).get("/api/me"), 401);
        assertEquals(0L, Db.tx(() -> IssuedToken.count("jti", UUID.fromString(issued.path("jti")))), "the record went with its user");
    }

    @Test
    void serviceTokensStayWithinTheirRolesAndCannotMintCredentials() {
        String viewerBot = issue(Map.of("service_name", "viewer-bot", "roles", List.of("viewer"), "ttl", "PT10M")).then().statusCode(201).extract().path("token");
        assertProblem(given().auth().oauth2(viewerBot).get("/api/users"), 403);
        assertProblem(given().auth().oauth2(viewerBot).get("/api/admin/tokens"), 403);
        String adminBot = issue(Map.of("service_name", "admin-bot", "roles", List.of("admin"), "ttl", "PT10M")).then().statusCode(201).extract().path("token");
        assertProblem(given().auth().oauth2(adminBot).contentType("application/json")
                .body(Map.of("service_name", "child-bot", "roles", List.of("viewer"), "ttl", "PT1H")).post("/api/admin/tokens"), 403);
        assertProblem(given().auth().oauth2(adminBot).contentType("application/json")
                .body(Map.of("name", "k", "scopes", List.of("viewer"))).post("/api/api-keys"), 403);
    }
}
