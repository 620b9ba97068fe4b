package io.synapse.identity.oidc;

import static io.restassured.RestAssured.given;
import static io.synapse.identity.oidc.MockOidc.FRONTEND;
import static io.synapse.identity.oidc.MockOidc.callback;
import static io.synapse.identity.oidc.MockOidc.handoff;
import static io.synapse.identity.oidc.MockOidc.nextSignIn;
import static io.synapse.identity.oidc.MockOidc.query;
import static io.synapse.identity.oidc.MockOidc.signIn;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.synapse.identity.User;
import io.synapse.identity.oidc.MockOidc.Pkce;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

/**
 * Sign-in through a real OpenID Connect server (mock-oauth2-server) in the test JVM: the code flow
 * with PKCE, state and nonce, the handoff to the frontend, account linking and creation, role
 * mapping, and token exchange, each refusal with its audit row.
 */
@QuarkusTest
class OAuthSignInTest {

    @BeforeAll
    static void startProvider() {
        MockOidc.server();
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    private static Map<String, Object> person(String email, boolean verified, Object... more) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("email", email, "email_verified", verified, "name", "Ada Lovelace"));
        for (int i = 0; i < more.length; i += 2) {
            claims.put((String) more[i], more[i + 1]);
        }
        return claims;
    }

    /** The whole flow through the handoff; answers the token response. */
    private static Response signInAndCollect(String provider) {
        Pkce pkce = Pkce.create();
        Map<String, String> landed = query(signIn(provider, pkce));
        assertNotNull(landed.get("code"), "landed with " + landed);
        return handoff(landed.get("code"), pkce.verifier());
    }

    private static String errorOf(URI landing) {
        assertTrue(landing.toString().startsWith(FRONTEND + "?"), landing.toString());
        return query(landing).get("error");
    }

    private static long audits(String action, boolean success, String reasonPart) {
        return Db.tx(() -> AuditLog.count("action = ?1 and success = ?2 and coalesce(errorMessage, '') like ?3", action, success,
                "%" + reasonPart + "%"));
    }

    private static User userBySubject(String provider, String subject) {
        return Db.tx(() -> User.<User>find("oauthProvider = ?1 and oauthId = ?2", provider, subject).firstResult());
    }

    @Test
    void providersAreListedForTheFrontendWithoutTheDisabledOne() {
        given().get("/api/auth/oauth/providers").then().statusCode(200)
                .body("name", hasItems("closed", "foreign", "mock", "plain"))
                .body("name", not(hasItem("off")))
                .body("find { it.name == 'mock' }.display_name", equalTo("Mock IdP"))
                .body("find { it.name == 'mock' }.token_exchange", equalTo(true))
                .body("find { it.name == 'plain' }.kind", equalTo("oauth2"));
    }

    @Test
    void aFirstSignInCreatesAnOAuthOnlyAccountAndHandsTokensOverOutsideAnyUrl() {
        String subject = subject();
        String email = Api.uniqueEmail("oidc-new");
        nextSignIn("mock", subject, person(email, true));
        Pkce pkce = Pkce.create();
        URI toProvider = MockOidc.authorize("mock", pkce);
        Map<String, String> sent = query(toProvider);
        assertEquals("code", sent.get("response_type"));
        assertEquals("S256", sent.get("code_challenge_method"));
        assertFalse(sent.get("code_challenge").equals(pkce.challenge()), "our own PKCE pair with the provider, not the frontend's");
        assertNotNull(sent.get("nonce"));
        assertTrue(sent.get("redirect_uri").endsWith("/api/auth/oauth/mock/callback"));
        assertEquals("openid email profile", sent.get("scope"));
        // the state is kept only as its hash
        assertEquals(0L, Db.tx(() -> PendingSignIn.count("stateHash", sent.get("state"))));

        URI landing = callback(MockOidc.atProvider(toProvider));
        Map<String, String> landed = query(landing);
        assertTrue(landing.toString().startsWith(FRONTEND + "?"));
        assertEquals("mock", landed.get("provider"));
        assertFalse(landing.toString().contains("token"), "no token in the URL: " + landing);

        Response tokens = handoff(landed.get("code"), pkce.verifier());
        tokens.then().statusCode(200).body("token_type", equalTo("Bearer")).body("user.email", equalTo(email))
                .body("user.role", equalTo("viewer")).body("user.oauth_provider", equalTo("mock"))
                .body("user.full_name", equalTo("Ada Lovelace"));
        given().auth().oauth2(tokens.<String>path("access_token")).get("/api/me").then().statusCode(200).body("email", equalTo(email));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", tokens.path("refresh_token"))).post("/api/auth/refresh")
                .then().statusCode(200);

        User user = userBySubject("mock", subject);
        assertNull(user.passwordHash, "an OAuth-only account has no password");
        assertEquals(1L, Db.tx(() -> AuditLog.count("action = 'auth.oauth.create' and userId = ?1", user.id)));
        assertEquals(1L, Db.tx(() -> AuditLog.count("action = 'auth.oauth.sign_in' and success = true and userId = ?1", user.id)));
        assertEquals(1L, Db.tx(() -> AuditLog.count("action = 'auth.oauth.handoff' and success = true and userId = ?1", user.id)));

        // the one-time code works once
        assertProblem(handoff(landed.get("code"), pkce.verifier()), 401);
        // the next sign-in finds the account by (provider, subject), even with another e-mail at the provider
        nextSignIn("mock", subject, person(Api.uniqueEmail("renamed"), true));
        signInAndCollect("mock").then().statusCode(200).body("user.id", equalTo(user.id.toString())).body("user.email", equalTo(email));
        // and no password logs in to it
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "any-password-1")).post("/api/auth/login")
                .then().statusCode(401);
        assertTrue(audits("auth.login", false, "account has no password") >= 1);
    }

    @Test
    void anUnknownOrReplayedStateIsRefusedAndAReplayedCodeIsRefusedByTheProvider() {
        assertProblem(given().redirects().follow(false).queryParam("code", "abc").queryParam("state", "not-a-state-we-sent")
                .get("/api/auth/oauth/mock/callback"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code", "abc").get("/api/auth/oauth/mock/callback"), 400);

        nextSignIn("mock", subject(), person(Api.uniqueEmail("replay"), true));
        Pkce pkce = Pkce.create();
        URI callbackUrl = MockOidc.atProvider(MockOidc.authorize("mock", pkce));
        assertNotNull(query(callback(callbackUrl)).get("code"));
        // the same callback again: its state was used
        assertProblem(given().redirects().follow(false).urlEncodingEnabled(false).get(callbackUrl), 400);
        assertTrue(audits("auth.oauth.sign_in", false, "unknown or already used state") >= 2);

        // the used code under a fresh sign-in's state: the provider refuses it
        URI second = MockOidc.atProvider(MockOidc.authorize("mock", Pkce.create()));
        String usedCode = query(callbackUrl).get("code");
        URI swapped = URI.create(second.toString().replaceFirst("code=[^&]+", "code=" + usedCode));
        long handoffs = Db.tx(() -> SignInHandoff.count());
        // Refused by the provider (a used code) or, where a provider lets it through (this mock server
        // does), by us: the ID token carries the first sign-in's nonce, not this one's.
        assertTrue(List.of("invalid_grant", "invalid_token").contains(errorOf(callback(swapped))));
        assertEquals(handoffs, Db.tx(() -> SignInHandoff.count()));

        // a state started for one provider cannot finish at another
        URI forMock = MockOidc.atProvider(MockOidc.authorize("mock", Pkce.create()));
        URI atPlain = URI.create(forMock.toString().replace("/api/auth/oauth/mock/callback", "/api/auth/oauth/plain/callback"));
        assertProblem(given().redirects().follow(false).urlEncodingEnabled(false).get(atPlain), 400);
    }

    @Test
    void aTamperedNonceAnExpiredIdTokenAndAForeignIssuerAreRefused() {
        String subject = subject();
        nextSignIn("mock", subject, person(Api.uniqueEmail("nonce"), true));
        URI toProvider = MockOidc.authorize("mock", Pkce.create());
        URI tampered = URI.create(toProvider.toString().replaceFirst("nonce=[^&]+", "nonce=somebody-elses-nonce"));
        assertEquals("invalid_token", errorOf(callback(MockOidc.atProvider(tampered))));
        assertTrue(audits("auth.oauth.sign_in", false, "nonce") >= 1);
        assertNull(userBySubject("mock", subject), "nothing was created");

        String late = subject();
        nextSignIn("mock", late, person(Api.uniqueEmail("expired"), true), -300);
        assertEquals("invalid_token", errorOf(MockOidc.signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "the token has expired") >= 1);
        assertNull(userBySubject("mock", late));

        // "foreign" claims issuer /foreign but its endpoints are /mock's: the ID token names /mock
        String stranger = subject();
        nextSignIn("mock", stranger, person(Api.uniqueEmail("foreign"), true));
        assertEquals("invalid_token", errorOf(MockOidc.signIn("foreign", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "another issuer") >= 1);
        assertNull(userBySubject("foreign", stranger));
    }

    @Test
    void theHandoffNeedsTheFrontendsVerifierAndIsSpentByAWrongOne() {
        nextSignIn("mock", subject(), person(Api.uniqueEmail("pkce"), true));
        Pkce pkce = Pkce.create();
        String code = query(signIn("mock", pkce)).get("code");
        assertProblem(handoff(code, Pkce.create().verifier()), 401);
        assertProblem(handoff(code, pkce.verifier()), 401);
        assertTrue(audits("auth.oauth.handoff", false, "PKCE verifier does not match") >= 1);
    }

    @Test
    void anUnverifiedEmailNeverTakesOverAnAccountAndAVerifiedOneLinksIt() {
        Api.Login existing = Api.user("rep");
        String subject = subject();
        nextSignIn("mock", subject, person(existing.email(), false));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "has not verified it") >= 1);
        User untouched = Db.tx(() -> User.findById(existing.id()));
        assertNull(untouched.oauthProvider);

        // a provider with linking by e-mail off never links, verified or not
        nextSignIn("closed", subject(), person(existing.email(), true));
        assertEquals("access_denied", errorOf(signIn("closed", Pkce.create())));
        // nor does it sign up strangers
        nextSignIn("closed", subject(), person(Api.uniqueEmail("stranger"), true));
        assertEquals("access_denied", errorOf(signIn("closed", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "sign-up is off") >= 1);

        nextSignIn("mock", subject, person(existing.email(), true));
        signInAndCollect("mock").then().statusCode(200).body("user.id", equalTo(existing.id().toString()));
        User linked = Db.tx(() -> User.findById(existing.id()));
        assertEquals("mock", linked.oauthProvider);
        assertEquals(subject, linked.oauthId);
        assertEquals(1L, Db.tx(() -> AuditLog.count("action = 'auth.oauth.link' and userId = ?1", existing.id())));
        // the password still works for an account that had one
        Api.login(existing.email(), Api.PASSWORD);

        // another subject of the same provider with the same verified e-mail: the account is taken
        nextSignIn("mock", subject(), person(existing.email(), true));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "already linked") >= 1);
    }

    @Test
    void groupsMapToARoleAndLosingTheGroupDemotesTheNextRequestUnlessAnAdminPinnedTheRole() {
        String subject = subject();
        String email = Api.uniqueEmail("mapped");
        nextSignIn("mock", subject, person(email, true, "groups", List.of("staff", "synapse-managers")));
        Response first = signInAndCollect("mock");
        first.then().statusCode(200).body("user.role", equalTo("manager"));
        String managerToken = first.path("access_token");
        given().auth().oauth2(managerToken).get("/api/imports").then().statusCode(200);

        nextSignIn("mock", subject, person(email, true, "groups", List.of("staff")));
        signInAndCollect("mock").then().statusCode(200).body("user.role", equalTo("viewer"));
        // the earlier session's very next request has the lowered role
        assertProblem(given().auth().oauth2(managerToken).get("/api/imports"), 403);
        User user = userBySubject("mock", subject);
        assertTrue(Db.tx(() -> AuditLog.count("action = 'auth.oauth.role_mapped' and success = true and userId = ?1", user.id)) >= 1);

        Api.json(Api.asAdmin()).body(Map.of("role", "manager", "role_pinned", true)).patch("/api/users/{id}", user.id)
                .then().statusCode(200).body("role_pinned", equalTo(true));
        nextSignIn("mock", subject, person(email, true, "groups", List.of()));
        signInAndCollect("mock").then().statusCode(200).body("user.role", equalTo("manager"));
        assertTrue(audits("auth.oauth.role_mapped", false, "role pinned by an admin") >= 1);

        // an e-mail domain rule trusts only a verified e-mail; a group claim may be a single string
        nextSignIn("mock", subject(), person(Api.uniqueEmail("seller").replace("@test.local", "@sales.example"), true));
        signInAndCollect("mock").then().statusCode(200).body("user.role", equalTo("rep"));
        nextSignIn("mock", subject(), person(Api.uniqueEmail("single"), true, "groups", "synapse-managers"));
        signInAndCollect("mock").then().statusCode(200).body("user.role", equalTo("manager"));
        nextSignIn("mock", subject(), person(Api.uniqueEmail("nested"), true, "groups", Map.of("synapse-managers", true)));
        signInAndCollect("mock").then().statusCode(200).body("user.role", equalTo("viewer"));
    }

    @Test
    void noAccountIsMadeOnAnUnverifiedOrUnusableAddressOrSubject() {
        long users = Db.tx(() -> User.count());
        // An account on an unverified address would squat it: its owner could never sign up or be linked.
        nextSignIn("mock", subject(), person(Api.uniqueEmail("claimer").replace("@test.local", "@sales.example"), false));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "has not verified their e-mail") >= 1);
        nextSignIn("mock", subject(), person("not-an-address", true));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        nextSignIn("mock", subject(), person("nul\u0000@test.local", true));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        nextSignIn("mock", subject(), Map.of("email", 42, "email_verified", "yes"));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        nextSignIn("mock", "s".repeat(300), person(Api.uniqueEmail("long-subject"), true));
        assertEquals("invalid_token", errorOf(signIn("mock", Pkce.create())));
        nextSignIn("mock", subject(), person(Api.uniqueEmail("long-name"), true, "name", "N\u0000" + "n".repeat(5000)));
        signInAndCollect("mock").then().statusCode(200).body("user.full_name", equalTo(null));
        assertEquals(users + 1, Db.tx(() -> User.count()));
    }

    @Test
    void aSelfRegisteredAccountIsNeverLinkedByEmail() {
        String email = Api.uniqueEmail("squatter");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Api.PASSWORD)).post("/api/auth/register")
                .then().statusCode(201);
        nextSignIn("mock", subject(), person(email, true));
        assertEquals("access_denied", errorOf(signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "registered itself") >= 1);
        assertNull(Db.tx(() -> User.findByEmail(email).orElseThrow().oauthProvider));
    }

    @Test
    void aSuspendedUserIsRefusedAtSignInAndAtTheHandoff() {
        String subject = subject();
        String email = Api.uniqueEmail("suspended");
        nextSignIn("mock", subject, person(email, true));
        signInAndCollect("mock").then().statusCode(200);
        User user = userBySubject("mock", subject);

        // a handoff issued before the suspension is refused after it
        nextSignIn("mock", subject, person(email, true));
        Pkce pkce = Pkce.create();
        String pending = query(signIn("mock", pkce)).get("code");
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/{id}", user.id).then().statusCode(200);
        assertProblem(handoff(pending, pkce.verifier()), 403);

        nextSignIn("mock", subject, person(email, true));
        assertEquals("account_suspended", errorOf(signIn("mock", Pkce.create())));
        assertTrue(audits("auth.oauth.sign_in", false, "account suspended") >= 1);
    }

    @Test
    void theProvidersOwnErrorGoesBackToTheFrontend() {
        URI callbackUrl = MockOidc.atProvider(MockOidc.authorize("mock", Pkce.create()));
        String state = query(callbackUrl).get("state");
        URI denied = URI.create(callbackUrl.toString().replaceFirst("\\?.*", "") + "?error=access_denied&state=" + state);
        assertEquals("access_denied", errorOf(callback(denied)));
        assertTrue(audits("auth.oauth.sign_in", false, "the provider answered access_denied") >= 1);
        // an error that is no OAuth error code (here with a NUL) is passed on as access_denied, and audited cleaned
        URI nul = MockOidc.atProvider(MockOidc.authorize("mock", Pkce.create()));
        URI strange = URI.create(nul.toString().replaceFirst("\\?.*", "") + "?error=bad%0Athing&state=" + query(nul).get("state"));
        assertEquals("access_denied", errorOf(callback(strange)));
        // a NUL is refused at the edge, as in every query parameter
        URI withNul = MockOidc.atProvider(MockOidc.authorize("mock", Pkce.create()));
        assertProblem(given().redirects().follow(false).urlEncodingEnabled(false)
                .get(withNul.toString().replaceFirst("\\?.*", "") + "?error=bad%00thing&state=" + query(withNul).get("state")), 400);
    }

    @Test
    void aPlainOAuth2ProviderSaysWhoSignedInThroughUserinfo() {
        String subject = subject();
        String email = Api.uniqueEmail("plain");
        nextSignIn("plain", subject, person(email, true));
        signInAndCollect("plain").then().statusCode(200).body("user.email", equalTo(email)).body("user.oauth_provider", equalTo("plain"));
        assertNotNull(userBySubject("plain", subject));
    }

    @Test
    void aTrustedServiceTradesAProvidersTokenForOurs() {
        String service = serviceToken("etl-exchange");
        String subject = subject();
        String email = Api.uniqueEmail("exchange");
        // the service's own client got the token: it is for that client (aud) and was issued to it (azp)
        String idToken = MockOidc.token("mock", subject, "synapse-service", person(email, true), 300);
        Response tokens = exchange(service, "mock", idToken, OAuthSignIn.ID_TOKEN_TYPE);
        tokens.then().statusCode(200).body("user.email", equalTo(email)).body("user.oauth_provider", equalTo("mock"));
        given().auth().oauth2(tokens.<String>path("access_token")).get("/api/me").then().statusCode(200);
        assertTrue(Db.tx(() -> AuditLog.count("action = 'auth.oauth.token_exchange' and success = true")) >= 1);

        // an audience not configured, a token issued to another party, an expired token, another issuer's token
        assertProblem(exchange(service, "mock", MockOidc.token("mock", subject, "someone-else", person(email, true), 300),
                OAuthSignIn.ID_TOKEN_TYPE), 401);
        assertProblem(exchange(service, "mock", MockOidc.token("mock", subject, "synapse-service", person(email, true, "azp", "other-app"), 300),
                OAuthSignIn.ID_TOKEN_TYPE), 401);
        assertProblem(exchange(service, "mock", MockOidc.token("mock", subject, "synapse-service", person(email, true), -300),
                OAuthSignIn.ACCESS_TOKEN_TYPE), 401);
        assertProblem(exchange(service, "mock", MockOidc.token("closed", subject, "synapse-web", person(email, true), 300),
                OAuthSignIn.ID_TOKEN_TYPE), 401);
        assertTrue(audits("auth.oauth.token_exchange", false, "another audience") >= 1);
        assertTrue(audits("auth.oauth.token_exchange", false, "(azp)") >= 1);

        // Only a listed service may call: not anonymous, not a user, not another service. Nor for a
        // provider without exchange, nor a plain OAuth 2 provider (its tokens may be another app's).
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("subject_token", idToken, "subject_token_type",
                OAuthSignIn.ID_TOKEN_TYPE)).post("/api/auth/oauth/mock/token-exchange"), 401);
        assertProblem(exchange(Api.admin(), "mock", idToken, OAuthSignIn.ID_TOKEN_TYPE), 403);
        assertProblem(exchange(serviceToken("not-listed"), "mock", idToken, OAuthSignIn.ID_TOKEN_TYPE), 403);
        assertProblem(exchange(service, "closed", idToken, OAuthSignIn.ID_TOKEN_TYPE), 403);
        assertProblem(exchange(service, "plain", idToken, OAuthSignIn.ACCESS_TOKEN_TYPE), 403);
        assertTrue(audits("auth.oauth.token_exchange", false, "is not allowed") >= 1);
        assertProblem(exchange(service, "nobody", idToken, OAuthSignIn.ID_TOKEN_TYPE), 404);
        assertProblem(exchange(service, "off", idToken, OAuthSignIn.ID_TOKEN_TYPE), 404);
    }

    private static String serviceToken(String name) {
        return Api.json(Api.asAdmin()).body(Map.of("service_name", name, "roles", List.of("viewer"), "ttl", "PT1H"))
                .post("/api/admin/tokens").then().statusCode(201).extract().path("token");
    }

    private static Response exchange(String caller, String provider, String token, String type) {
        return given().auth().oauth2(caller).contentType(ContentType.JSON).body(Map.of("subject_token", token, "subject_token_type", type))
                .post("/api/auth/oauth/{provider}/token-exchange", provider);
    }

    @Test
    void badInputIsRefusedAtTheEdgeAndStoresNothing() {
        long pending = Db.tx(() -> PendingSignIn.count());
        String challenge = Pkce.create().challenge();
        assertProblem(given().redirects().follow(false).get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", "short").get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", challenge).queryParam("code_challenge_method", "plain")
                .get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", challenge).queryParam("redirect_uri", "https://evil.example/")
                .get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", "x".repeat(200)).get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", challenge).get("/api/auth/oauth/nobody/authorize"), 404);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", challenge).get("/api/auth/oauth/off/authorize"), 404);
        assertProblem(given().redirects().follow(false).queryParam("state", "s".repeat(500)).get("/api/auth/oauth/mock/callback"), 400);
        assertEquals(pending, Db.tx(() -> PendingSignIn.count()));

        assertProblem(given().contentType(ContentType.JSON).body("{\"code\": ").post("/api/auth/oauth/token"), 400);
        assertProblem(given().contentType(ContentType.JSON).body("{}").post("/api/auth/oauth/token"), 400);
        String verifier = Pkce.create().verifier();
        assertProblem(given().contentType(ContentType.JSON).body("{\"code\": \"" + "a".repeat(43) + "\", \"code_verifier\": \"" + verifier + "\"} x")
                .post("/api/auth/oauth/token"), 400);
        assertProblem(given().body("{\"code\": \"" + "a".repeat(43) + "\", \"code_verifier\": \"" + verifier + "\"}").post("/api/auth/oauth/token"), 415);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", "a".repeat(42) + "\u0000", "code_verifier", verifier))
                .post("/api/auth/oauth/token"), 400);
        assertProblem(given().redirects().follow(false).queryParam("code_challenge", challenge).queryParam("redirect_uri", "http://localhost:5173/signed-in\u0000")
                .get("/api/auth/oauth/mock/authorize"), 400);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", 12, "code_verifier", Pkce.create().verifier()))
                .post("/api/auth/oauth/token"), 400);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", "a".repeat(43), "code_verifier", "short"))
                .post("/api/auth/oauth/token"), 400);
        assertProblem(given().contentType(ContentType.JSON)
                .body(Map.of("code", "a".repeat(43), "code_verifier", Pkce.create().verifier(), "extra", true)).post("/api/auth/oauth/token"), 400);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("code", "a".repeat(43), "code_verifier", Pkce.create().verifier()))
                .post("/api/auth/oauth/token"), 401);
        String service = serviceToken("etl-exchange");
        assertProblem(exchange(service, "mock", "x.y.z", "urn:other"), 400);
        assertProblem(exchange(service, "mock", "a".repeat(20_000), OAuthSignIn.ID_TOKEN_TYPE), 400);
        assertProblem(exchange(service, "mock", "not-a-jwt", OAuthSignIn.ID_TOKEN_TYPE), 401);
        assertProblem(given().auth().oauth2(service).contentType(ContentType.JSON).body("{\"subject_token\": 5}")
                .post("/api/auth/oauth/mock/token-exchange"), 400);
    }
}
