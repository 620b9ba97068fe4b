package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

@QuarkusTest
class AuthFlowTest {

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    private static Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/auth/refresh");
    }

    @Test
    void loginIssuesTokensOpensASessionAndStampsLastLogin() {
        Api.Login user = Api.user("rep");
        Response response = login(user.email(), Api.PASSWORD);
        response.then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_token", notNullValue())
                .body("user.role", equalTo("rep"))
                .body("user.password_hash", nullValue())
                .body("user.last_login_at", notNullValue());
        String sessionId = response.path("session_id");
        UserSession session = Db.tx(() -> UserSession.findById(java.util.UUID.fromString(sessionId)));
        assertNotNull(session.ipAddress, "session records the client address");
        assertTrue(session.isActive());
        given().auth().oauth2(response.<String>path("access_token")).get("/api/me").then().statusCode(200).body("email", equalTo(user.email()));
        // the refresh token is stored only as its hash
        String refreshToken = response.path("refresh_token");
        long plain = Db.tx(() -> RefreshToken.count("tokenHash", refreshToken));
        assertEquals(0, plain);
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        Api.Login user = Api.user("viewer");
        Response wrongPassword = login(user.email(), "not-the-password");
        Response unknownEmail = login(Api.uniqueEmail("ghost"), "not-the-password");
        assertProblem(wrongPassword, 401);
        assertProblem(unknownEmail, 401);
        assertEquals(wrongPassword.body().asString(), unknownEmail.body().asString());
        long failures = Db.tx(() -> io.synapse.telemetry.AuditLog.count("action = ?1 and success = false and userId = ?2", "auth.login", user.id()));
        assertEquals(1, failures, "a failed login leaves an audit row");
    }

    @Test
    void passwordsPastBcryptsSeventyTwoBytesNeverMatch() {
        Api.Login user = Api.user("viewer");
        // Same first 72 bytes as nothing real, but proves a >72-byte password is answered 401, not 500 or a match.
        assertProblem(login(user.email(), Api.PASSWORD + "x".repeat(80)), 401);
        String longButValid = "é".repeat(36); // 72 bytes exactly
        Api.json(Api.asAdmin()).body(Map.of("password", longButValid)).patch("/api/users/" + user.id()).then().statusCode(200);
        login(user.email(), longButValid).then().statusCode(200);
        assertProblem(Api.json(Api.asAdmin()).body(Map.of("password", "é".repeat(37))).patch("/api/users/" + user.id()), 400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void suspendedUsersAreRefusedWith403() {
        Api.Login user = Api.user("viewer");
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/" + user.id()).then().statusCode(200);
        assertProblem(login(user.email(), Api.PASSWORD), 403);
    }

    @Test
    void loginIsRateLimitedPerIpAndEmail() {
        String email = Api.uniqueEmail("brute");
        for (int i = 0; i < 5; i++) {
            assertProblem(login(email, "guess-" + i), 401);
        }
        Response limited = login(email, "guess-6");
        assertProblem(limited, 429);
        assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0);
        // a different e-mail from the same address is its own bucket
        assertProblem(login(Api.uniqueEmail("other"), "guess"), 401);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Api.Login user = Api.user("viewer");
        Response first = refresh(user.refreshToken());
        first.then().statusCode(200).body("session_id", equalTo(user.sessionId().toString()));
        String second = first.path("refresh_token");
        assertNotEquals(user.refreshToken(), second);
        String newAccess = first.path("access_token");
        given().auth().oauth2(newAccess).get("/api/me").then().statusCode(200);

        // the old token comes back: someone copied it. Everything of that login dies.
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(refresh(second), 401);
        assertProblem(given().auth().oauth2(newAccess).get("/api/me"), 401);
        UserSession session = Db.tx(() -> UserSession.findById(user.sessionId()));
        assertEquals("token_reuse", session.endReason);
    }

    @Test
    void refreshRejectsGarbageAndExpiredTokens() {
        assertProblem(refresh("not-a-token"), 401);
        Api.Login user = Api.user("viewer");
        Db.run(() -> RefreshToken.update("expiresAt = ?1 where sessionId = ?2", java.time.Instant.now().minusSeconds(1), user.sessionId()));
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh"), 400)
                .body("errors[0].field", equalTo("refresh_token"));
    }

    @Test
    void logoutEndsTheSessionAndItsTokens() {
        Api.Login user = Api.user("viewer");
        user.as().post("/api/auth/logout").then().statusCode(204);
        assertProblem(user.as().get("/api/me"), 401);
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(given().post("/api/auth/logout"), 401);
    }

    @Test
    void registrationCreatesAViewer() {
        String email = Api.uniqueEmail("Self").toUpperCase();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Api.PASSWORD, "full_name", "Self Made"))
                .post("/api/auth/register").then().statusCode(201)
                .body("role", equalTo("viewer"))
                .body("email", equalTo(email.toLowerCase()));
        // the same address in another case is the same account
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("email", email.toLowerCase(), "password", Api.PASSWORD))
                .post("/api/auth/register"), 409);
        login(email.toLowerCase(), Api.PASSWORD).then().statusCode(200);
        // a client cannot pick its own role
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("sneaky"), "password", Api.PASSWORD, "role", "admin"))
                .post("/api/auth/register"), 400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void badLoginBodiesAreProblemsNotCrashes() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"email\": \"a@b.c\", ").post("/api/auth/login"), 400);
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/auth/login"), 400).body("errors.size()", greaterThan(1));
        assertProblem(given().contentType(ContentType.JSON).body("[1,2]").post("/api/auth/login"), 400);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("email", Api.oneMegabyte(), "password", "x")).post("/api/auth/login"), 400);
        assertProblem(given().contentType(ContentType.TEXT).body("email=a").post("/api/auth/login"), 415);
        assertProblem(given().contentType(ContentType.JSON).post("/api/auth/login"), 400);
    }
}
