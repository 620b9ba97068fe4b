package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static io.synapse.support.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.synapse.common.security.Role;
import io.synapse.support.Api;
import io.synapse.support.Db;

/** Every forged, stale or revoked credential answers 401. */
@QuarkusTest
class TokenAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path KEYS = Path.of("target/synapse-test/jwt");

    private static void rejected(String token) {
        assertProblem(given().auth().oauth2(token).get("/api/me"), 401);
    }

    private static ObjectNode payload(String token) throws Exception {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey() throws Exception {
        return KeyUtils.decodePrivateKey(Files.readString(KEYS.resolve("privateKey.pem")));
    }

    /** A correctly signed token whose claims we choose: proves the server checks claims, not only signatures. */
    private static String signed(Api.Login user, String issuer, String audience, Instant expires, String type) throws Exception {
        var builder = Jwt.issuer(issuer).audience(audience).subject(user.id().toString()).upn(user.email())
                .groups(java.util.Set.of("viewer")).claim("sid", user.sessionId().toString()).claim("jti", UUID.randomUUID().toString())
                .issuedAt(expires.minusSeconds(600)).expiresAt(expires);
        if (type != null) {
            builder.claim("tkn", type);
        }
        return builder.sign(privateKey());
    }

    @Test
    void aGenuineTokenWorks() throws Exception {
        Api.Login user = Api.user("viewer");
        given().auth().oauth2(signed(user, "https://synapse.local", "synapse-api", Instant.now().plusSeconds(300), "access"))
                .get("/api/me").then().statusCode(200);
    }

    @Test
    void algNoneIsRejected() throws Exception {
        Api.Login user = Api.user("admin");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(JSON.writeValueAsString(payload(user.accessToken()))) + ".";
        rejected(unsigned);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws Exception {
        Api.Login user = Api.user("viewer");
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(JSON.writeValueAsString(payload(user.accessToken())));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readAllBytes(KEYS.resolve("publicKey.pem")), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        rejected(signingInput + "." + signature);
    }

    @Test
    void tamperedPayloadIsRejected() throws Exception {
        Api.Login user = Api.user("viewer");
        String[] parts = user.accessToken().split("\\.");
        ObjectNode claims = payload(user.accessToken());
        claims.putArray("groups").add("admin").add("manager").add("rep").add("viewer");
        String tampered = parts[0] + "." + b64(JSON.writeValueAsString(claims)) + "." + parts[2];
        assertProblem(given().auth().oauth2(tampered).get("/api/users"), 401);
    }

    @Test
    void expiredWrongIssuerWrongAudienceAndUntypedTokensAreRejected() throws Exception {
        Api.Login user = Api.user("viewer");
        rejected(signed(user, "https://synapse.local", "synapse-api", Instant.now().minusSeconds(30), "access"));
        rejected(signed(user, "https://evil.example", "synapse-api", Instant.now().plusSeconds(300), "access"));
        rejected(signed(user, "https://synapse.local", "someone-else", Instant.now().plusSeconds(300), "access"));
        rejected(signed(user, "https://synapse.local", "synapse-api", Instant.now().plusSeconds(300), null));
        rejected("not.a.jwt");
    }

    @Test
    void revokedIssuedTokenIsRejectedAtOnce() {
        Api.Login user = Api.user("rep");
        var issued = Api.json(Api.asAdmin()).body(Map.of("user_id", user.id(), "roles", new String[] {"viewer"}, "ttl", "PT1H"))
                .post("/api/admin/tokens").then().statusCode(201).extract();
        String token = issued.path("token");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        Api.asAdmin().delete("/api/admin/tokens/" + issued.path("jti")).then().statusCode(204);
        rejected(token);
    }

    /**
     * Nothing about a credential or its user is cached between requests: a change written straight
     * into the database (as another replica or an operator would) decides the very next request of
     * every kind of credential.
     */
    @Test
    void changesWrittenStraightToTheDatabaseDecideTheNextRequestOfEveryCredential() {
        Api.Login user = Api.user("manager");
        String key = Api.apiKey(user, "manager");
        String issued = Api.json(Api.asAdmin()).body(Map.of("user_id", user.id(), "roles", new String[] {"manager"}, "ttl", "PT1H"))
                .post("/api/admin/tokens").then().statusCode(201).extract().path("token");
        java.util.function.Supplier<List<io.restassured.specification.RequestSpecification>> callers = () -> List.of(user.as(),
                given().header("X-API-Key", key), given().auth().oauth2(issued));
        for (var caller : callers.get()) {
            caller.get("/api/imports").then().statusCode(200);
        }

        Db.run(() -> User.update("role = ?1, username = ?2 where id = ?3", Role.VIEWER, "renamed-in-sql", user.id()));
        for (var caller : callers.get()) {
            caller.get("/api/me").then().statusCode(200).body("role", equalTo("viewer")).body("username", equalTo("renamed-in-sql"));
        }
        for (var caller : callers.get()) {
            assertProblem(caller.get("/api/imports"), 403);
        }

        Db.run(() -> User.update("status = ?1 where id = ?2", UserStatus.SUSPENDED, user.id()));
        rejected(user.accessToken());
        rejected(issued);
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 401);
    }

    @Test
    void aSessionOrTokenEndedStraightInTheDatabaseIsRejectedAtOnce() {
        Api.Login user = Api.user("viewer");
        var issued = Api.json(Api.asAdmin()).body(Map.of("user_id", user.id(), "roles", new String[] {"viewer"}, "ttl", "PT1H"))
                .post("/api/admin/tokens").then().statusCode(201).extract();
        given().auth().oauth2(issued.path("token").toString()).get("/api/me").then().statusCode(200);
        user.as().get("/api/me").then().statusCode(200);
        Db.run(() -> IssuedToken.update("revokedAt = ?1 where jti = ?2", Instant.now(), UUID.fromString(issued.path("jti"))));
        Db.run(() -> UserSession.update("endedAt = ?1 where id = ?2", Instant.now(), user.sessionId()));
        rejected(issued.path("token"));
        rejected(user.accessToken());
    }

    @Test
    void aSuspendedOrDeletedUsersUnexpiredTokenIsRejected() {
        Api.Login suspended = Api.user("manager");
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/" + suspended.id()).then().statusCode(200);
        rejected(suspended.accessToken());

        Api.Login deleted = Api.user("viewer");
        Api.asAdmin().delete("/api/users/" + deleted.id()).then().statusCode(204);
        rejected(deleted.accessToken());
    }

    @Test
    void revokedAndExpiredApiKeysAreRejected() {
        Api.Login owner = Api.user("rep");
        String key = Api.apiKey(owner, "viewer");
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        String id = owner.as().get("/api/api-keys").then().statusCode(200).extract().path("items[0].id");
        owner.as().delete("/api/api-keys/" + id).then().statusCode(204);
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 401);
        assertProblem(given().auth().oauth2(key).get("/api/me"), 401);

        String expiring = Api.apiKey(owner, "viewer");
        Db.run(() -> ApiKey.update("expiresAt = ?1 where userId = ?2 and revokedAt is null", Instant.now().minusSeconds(1), owner.id()));
        assertProblem(given().header("X-API-Key", expiring).get("/api/me"), 401);
        assertProblem(given().header("X-API-Key", "syn_made_up_key").get("/api/me"), 401);
    }
}
