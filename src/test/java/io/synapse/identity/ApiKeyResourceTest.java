package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.temporal.ChronoUnit;import java.util.ArrayList;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.common.security.Secrets;
import io.synapse.support.Api;
import io.synapse.support.Db;

@QuarkusTest
class ApiKeyResourceTest {

    @jakarta.inject.Inject
    ApiKeyUsage usage;


    private static Response create(Api.Login owner, Map<String, ?> body) {
        return Api.json(owner.as()).body(body).post("/api/api-keys");
    }

    @Test
    void theSecretIsShownOnceAndStoredOnlyAsAHash() {
        Api.Login owner = Api.user("rep");
        Response created = create(owner, Map.of("name", "ci", "scopes", List.of("rep", "viewer")));
        created.then().statusCode(201).header("Location", notNullValue()).body("key", startsWith("syn_")).body("scopes", equalTo(List.of("rep", "viewer")));
        String key = created.path("key");
        String prefix = created.path("key_prefix");
        assertTrue(key.startsWith(prefix + "_"));
        owner.as().get("/api/api-keys").then().statusCode(200).body("items[0].key", org.hamcrest.Matchers.nullValue())
                .body("items[0].key_prefix", equalTo(prefix));
        ApiKey row = Db.tx(() -> ApiKey.findById(UUID.fromString(created.path("id"))));
        assertEquals(64, row.keyHash.length());
        assertEquals(Secrets.sha256Hex(key), row.keyHash);
        assertNotEquals(key, row.keyHash);
    }

    @Test
    void aKeyAuthenticatesBothWaysAndCountsItsUse() {
        Api.Login owner = Api.user("viewer");
        String key = Api.apiKey(owner, "viewer");
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200).body("email", equalTo(owner.email()));
        given().auth().oauth2(key).get("/api/me").then().statusCode(200);
        usage.flush();
        owner.as().get("/api/api-keys").then().body("items[0].usage_count", equalTo(2)).body("items[0].last_used_at", notNullValue());
    }

    @Test
    void scopesAreBoundedByTheOwnersRole() {
        Api.Login viewer = Api.user("viewer");
        assertProblem(create(viewer, Map.of("name", "too-much", "scopes", List.of("manager"))), 422).body("errors[0].field", equalTo("scopes"));
        Api.Login admin = Api.user("admin");
        String narrow = Api.apiKey(admin, "viewer");
        assertProblem(given().header("X-API-Key", narrow).get("/api/users"), 403);
        String wide = Api.apiKey(admin, "admin");
        given().header("X-API-Key", wide).get("/api/users").then().statusCode(200);
    }

    @Test
    void aKeyCannotMintMoreCredentials() {
        Api.Login admin = Api.user("admin");
        String key = Api.apiKey(admin, "admin");
        assertProblem(given().header("X-API-Key", key).contentType("application/json").body(Map.of("name", "child", "scopes", List.of("viewer")))
                .post("/api/api-keys"), 403);
        assertProblem(given().header("X-API-Key", key).contentType("application/json")
                .body(Map.of("service_name", "bot", "roles", List.of("admin"), "ttl", "PT1H")).post("/api/admin/tokens"), 403);
    }

    @Test
    void revokingWorksAtOnceAndOnlyForTheOwnerOrAnAdmin() {
        Api.Login owner = Api.user("rep");
        Api.Login stranger = Api.user("manager");
        String key = Api.apiKey(owner, "viewer");
        String id = owner.as().get("/api/api-keys").then().extract().path("items[0].id");

        assertProblem(stranger.as().delete("/api/api-keys/" + id), 404);
        stranger.as().get("/api/api-keys").then().body("items.id", not(hasItem(id)));
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        assertProblem(owner.as().delete("/api/api-keys/" + UUID.randomUUID()), 404);

        Api.asAdmin().queryParam("user_id", owner.id()).get("/api/api-keys").then().statusCode(200).body("items.id", hasItem(id));
        owner.as().delete("/api/api-keys/" + id).then().statusCode(204);
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 401);
        owner.as().get("/api/api-keys").then().body("items.id", not(hasItem(id)));
        owner.as().queryParam("include_revoked", true).get("/api/api-keys").then().body("items.find { it.id == '" + id + "' }.revoked_at", notNullValue());

        String second = Api.apiKey(owner, "viewer");
        String secondId = owner.as().get("/api/api-keys").then().extract().path("items[0].id");
        Api.asAdmin().delete("/api/api-keys/" + secondId).then().statusCode(204);
        assertProblem(given().header("X-API-Key", second).get("/api/me"), 401);
    }

    @Test
    void expiryAndOwnerSuspensionStopAKey() {
        Api.Login owner = Api.user("rep");
        assertProblem(create(owner, Map.of("name", "past", "scopes", List.of("viewer"), "expires_at", "2020-01-01T00:00:00Z")), 422)
                .body("errors[0].field", equalTo("expires_at"));
        String key = Api.apiKey(owner, "viewer");
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/" + owner.id()).then().statusCode(200);
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 401);
        Api.json(Api.asAdmin()).body(Map.of("status", "active")).patch("/api/users/" + owner.id()).then().statusCode(200);
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        Db.run(() -> ApiKey.update("expiresAt = ?1 where userId = ?2", Instant.now().minusSeconds(1), owner.id()));
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 401);
    }

    @Test
    void badInputStoresNothing() {
        Api.Login owner = Api.user("viewer");
        long before = Db.tx(() -> ApiKey.count("userId", owner.id()));
        assertProblem(create(owner, Map.of("scopes", List.of("viewer"))), 400).body("errors[0].field", equalTo("name"));
        assertProblem(create(owner, Map.of("name", "x", "scopes", List.of())), 400).body("errors[0].field", equalTo("scopes"));
        assertProblem(create(owner, Map.of("name", "x", "scopes", List.of("god"))), 400);
        assertProblem(create(owner, Map.of("name", "x", "scopes", List.of("viewer"), "key_hash", "abc")), 400).body("errors[0].field", equalTo("key_hash"));
        assertProblem(create(owner, Map.of("name", Api.oneMegabyte(), "scopes", List.of("viewer"))), 400);
        assertProblem(create(owner, Map.of("name", "x", "scopes", "viewer,admin")), 400);
        assertProblem(create(owner, Map.of("name", "x", "scopes", List.of("viewer"), "expires_at", "tomorrow")), 400);
        assertProblem(Api.json(owner.as()).body("{\"name\":").post("/api/api-keys"), 400);
        assertProblem(owner.as().queryParam("user_id", "nope").get("/api/api-keys"), 400);
        assertEquals(before, Db.tx(() -> ApiKey.count("userId", owner.id())));
        assertProblem(given().get("/api/api-keys"), 401);
    }

    @Test
    void aFutureExpiryIsKeptAndListsPageNewestFirst() {
        Api.Login owner = Api.user("viewer");
        Instant expires = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Response created = create(owner, Map.of("name", "week", "scopes", List.of("viewer"), "expires_at", expires.toString()));
        created.then().statusCode(201);
        assertEquals(expires, Instant.parse(created.path("expires_at")));
        given().header("X-API-Key", created.<String>path("key")).get("/api/me").then().statusCode(200);
        Api.apiKey(owner, "viewer");
        Api.apiKey(owner, "viewer");
        Response first = owner.as().queryParam("limit", 2).get("/api/api-keys");
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("next_cursor", notNullValue());
        Response second = owner.as().queryParam("limit", 2).queryParam("cursor", first.<String>path("next_cursor")).get("/api/api-keys");
        second.then().statusCode(200).body("items.size()", equalTo(1)).body("next_cursor", org.hamcrest.Matchers.nullValue());
        List<String> ids = new ArrayList<>(first.path("items.id"));
        ids.addAll(second.path("items.id"));
        assertEquals(3, ids.stream().distinct().count());
        assertEquals(created.<String>path("id"), ids.get(2), "the oldest key comes last");
    }
}
