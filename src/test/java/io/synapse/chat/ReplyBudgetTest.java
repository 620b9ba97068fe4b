package io.synapse.chat;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.budgets.Budget;
import io.synapse.runs.Run;
import io.synapse.runs.RunStatus;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.Parallel;

/** Budgets (issue 14, part 2): set by admins, read by users, enforced before the provider is called. */
@QuarkusTest
@TestProfile(ModelProviderProfile.class)
class ReplyBudgetTest {

    private static Map<String, Object> ask(String content) {
        return Map.of("role", "user", "content", content, "generate", true);
    }

    private static Response budget(Map<String, ?> body) {
        return Api.json(Api.asAdmin()).body(body).post("/api/admin/budgets");
    }

    private static String userBudget(Api.Login user, String period, long tokens) {
        return budget(Map.of("scope", "user", "user_id", user.id(), "period", period, "token_limit", tokens)).then().statusCode(201)
                .extract().path("id");
    }

    /** A finished run spending tokens today, as the provider's figures would leave it. */
    private static UUID spent(Api.Login user, int tokens, BigDecimal cost, Instant at) {
        return spent(user, null, tokens, cost, at);
    }

    private static UUID spent(Api.Login user, UUID apiKeyId, int tokens, BigDecimal cost, Instant at) {
        return Db.tx(() -> {
            Run run = new Run();
            run.userId = user.id();
            run.apiKeyId = apiKeyId;
            run.agentType = "bench";
            run.status = RunStatus.COMPLETED;
            run.totalTokens = tokens;
            run.costEstimate = cost;
            run.persist();
            Run.update("createdAt = ?1 where id = ?2", at, run.id);
            return run.id;
        });
    }

    private static long budgetRows() {
        return Db.tx(() -> Budget.count());
    }

    @Test
    void adminsSetListChangeAndRemoveBudgetsAndEveryChangeIsAudited() {
        Api.Login user = Api.user("viewer");
        Response created = budget(Map.of("scope", "user", "user_id", user.id(), "period", "month", "token_limit", 5000, "cost_limit", 2.5));
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/admin/budgets/" + created.path("id")))
                .body("scope", equalTo("user")).body("period", equalTo("month")).body("token_limit", equalTo(5000)).body("cost_limit", equalTo(2.5f));
        String id = created.path("id");
        Api.asAdmin().get("/api/admin/budgets?user_id=" + user.id()).then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id));
        Api.json(Api.asAdmin()).body(Map.of("token_limit", 7000)).put("/api/admin/budgets/" + id).then().statusCode(200)
                .body("token_limit", equalTo(7000)).body("cost_limit", equalTo(null));
        Api.asAdmin().get("/api/admin/budgets/" + id).then().statusCode(200).body("token_limit", equalTo(7000));
        Api.asAdmin().delete("/api/admin/budgets/" + id).then().statusCode(204);
        assertProblem(Api.asAdmin().get("/api/admin/budgets/" + id), 404);
        List<String> actions = Db.tx(() -> io.synapse.telemetry.AuditLog.<io.synapse.telemetry.AuditLog>list(
                "resourceType = 'budget' and resourceId = ?1 order by id", id).stream().map(a -> a.action).toList());
        assertEquals(List.of("budget.create", "budget.update", "budget.delete"), actions);
    }

    @Test
    void onlyAdminsManageBudgetsAndBadInputChangesNothing() {
        Api.Login user = Api.user("viewer");
        for (String role : List.of("viewer", "rep", "manager")) {
            Api.Login caller = Api.user(role);
            assertProblem(caller.as().get("/api/admin/budgets"), 403);
            assertProblem(Api.json(caller.as()).body(Map.of("scope", "role", "role", "viewer", "period", "day", "token_limit", 1))
                    .post("/api/admin/budgets"), 403);
        }
        assertProblem(given().get("/api/admin/budgets"), 401);
        long before = budgetRows();
        assertProblem(Api.json(Api.asAdmin()).body("{\"scope\":").post("/api/admin/budgets"), 400);
        assertProblem(budget(Map.of("period", "day", "token_limit", 1)), 400);
        assertProblem(budget(Map.of("scope", "team", "period", "day", "token_limit", 1)), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "week", "token_limit", 1)), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", "lots")), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", -1)), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day", "cost_limit", 1e12)), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", 1, "colour", "red")), 400);
        assertProblem(budget(Map.of("scope", "user", "user_id", "not-a-uuid", "period", "day", "token_limit", 1)), 400);
        assertProblem(budget(Map.of("scope", "user", "period", "day", "token_limit", 1)), 422);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "role", "viewer", "period", "day", "token_limit", 1)), 422);
        assertProblem(budget(Map.of("scope", "user", "user_id", UUID.randomUUID(), "period", "day", "token_limit", 1)), 422);
        assertProblem(budget(Map.of("scope", "api_key", "api_key_id", UUID.randomUUID(), "period", "day", "token_limit", 1)), 422);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day")), 422);
        assertEquals(before, budgetRows());
        String id = userBudget(user, "day", 10);
        assertProblem(budget(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", 20)), 409);
        assertProblem(Api.json(Api.asAdmin()).body(Map.of()).put("/api/admin/budgets/" + id), 422);
        assertProblem(Api.json(Api.asAdmin()).body(Map.of("token_limit", 1)).put("/api/admin/budgets/" + UUID.randomUUID()), 404);
        assertProblem(Api.asAdmin().get("/api/admin/budgets?scope=team"), 400);
        assertProblem(Api.asAdmin().get("/api/admin/budgets?user_id=%00"), 400);
        assertProblem(Api.asAdmin().get("/api/admin/budgets?cursor=not-a-cursor"), 400);
        assertProblem(Api.asAdmin().get("/api/admin/budgets?limit=1e9"), 400);
        assertProblem(Api.json(Api.asAdmin()).body("{\"scope\":\"user\",\"user_id\":\"" + user.id() + "\",\"period\":\"day\",\"token_limit\":5} trailing")
                .post("/api/admin/budgets"), 400);
        assertProblem(Api.asAdmin().body("{\"scope\":\"role\",\"role\":\"viewer\",\"period\":\"day\",\"token_limit\":5}").post("/api/admin/budgets"), 415);
        assertProblem(budget(Map.of("scope", "role", "role", "viewer\u0000", "period", "day", "token_limit", 5)), 400);
        assertProblem(budget(Map.of("scope", "role", "role", true, "period", "day", "token_limit", 5)), 400);
        assertEquals(before + 1, budgetRows());
        Api.asAdmin().get("/api/admin/budgets/" + id).then().statusCode(200).body("token_limit", equalTo(10));
    }

    @Test
    void aReplyThatWouldPassTheBudgetIsRefusedBeforeTheProviderAndTheNextPeriodIsWhole() {
        Api.Login user = Api.user("viewer");
        UUID conversation = Chat.conversation(user, "budget");
        userBudget(user, "day", 2000);
        UUID old = spent(user, 1500, null, Instant.now());
        FakeModelProvider.clear();

        Response refused = Chat.append(user, conversation, ask("how many clients"));
        assertProblem(refused, 429);
        refused.then().body("type", equalTo("https://synapse.dev/problems/budget-exceeded")).body("problems[0].scope", equalTo("user"))
                .body("problems[0].period", equalTo("day")).body("problems[0].token_limit", equalTo(2000))
                .body("problems[0].tokens_used", equalTo(1500));
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(Math.abs(Duration.between(Instant.now(), midnight).toSeconds() - retryAfter) <= 5, "Retry-After " + retryAfter);
        assertEquals(0, FakeModelProvider.received().size(), "the provider was never called");
        assertEquals(0, Chat.messageRows(conversation), "the question was not stored either");

        // The spending was yesterday's: today's budget is whole again.
        Db.run(() -> Run.update("createdAt = ?1 where id = ?2", Instant.now().minus(Duration.ofDays(1)), old));
        Chat.append(user, conversation, ask("how many clients")).then().statusCode(201);
        Run run = Db.tx(() -> Run.<Run>find("conversationId", conversation).firstResult());
        assertEquals(RunStatus.COMPLETED, run.status);
        assertTrue(run.tokensReserved > run.totalTokens, "reserved " + run.tokensReserved + ", spent " + run.totalTokens);
    }

    @Test
    void parallelRequestsCannotOverspendANearlySpentBudget() throws Exception {
        Api.Login user = Api.user("viewer");
        userBudget(user, "month", 100_000);
        // What one such request reserves, read from a first one. The fake provider is slow on purpose: the call times out,
        // and a timed-out call is charged its reservation (the provider may have billed it).
        UUID first = Chat.conversation(user, "calibration");
        assertEquals(504, Chat.append(user, first, ask("[slow] go")).statusCode());
        int estimate = Db.tx(() -> Run.<Run>find("conversationId", first).firstResult().tokensReserved);
        user.as().get("/api/me/budget").then().statusCode(200).body("[0].tokens_used", equalTo(estimate));
        // Room for one more request's estimate, not two.
        int before = 100_000 - 2 * estimate - estimate / 2;
        spent(user, before, null, Instant.now());
        List<UUID> conversations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conversations.add(Chat.conversation(user, "parallel " + i));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (UUID c : conversations) {
            calls.add(() -> Chat.append(user, c, ask("[slow] go")).statusCode());
        }
        List<Integer> statuses = Parallel.run(calls);
        assertEquals(3, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        // The one let through timed out at the provider (the fake is slow on purpose): its run failed unspent.
        assertEquals(2, (long) Db.tx(() -> Run.count("userId = ?1 and agentType = 'chat_reply'", user.id())));
        user.as().get("/api/me/budget").then().statusCode(200).body("[0].tokens_used", equalTo(before + 2 * estimate));
    }

    @Test
    void aKeysBudgetNarrowsItsUsersAndWhatIsShownEqualsTheRuns() {
        Api.Login user = Api.user("viewer");
        String key = Api.apiKey(user, "viewer");
        userBudget(user, "month", 1_000_000);
        String keyId = user.as().get("/api/api-keys").then().extract().path("items[0].id");
        budget(Map.of("scope", "api_key", "api_key_id", keyId, "period", "day", "token_limit", 5000)).then().statusCode(201);
        spent(user, UUID.fromString(keyId), 4990, null, Instant.now());
        UUID conversation = Chat.conversation(user, "keys");

        // Through the key: its day is nearly spent. Through a login: the user's million is not.
        Response refused = Api.json(given().header("X-API-Key", key)).body(ask("hello")).post("/api/conversations/" + conversation + "/messages");
        assertProblem(refused, 429);
        refused.then().body("problems", hasSize(1)).body("problems[0].scope", equalTo("api_key")).body("problems[0].tokens_used", equalTo(4990));
        Chat.append(user, conversation, ask("hello")).then().statusCode(201);
        // A budget smaller than one request's estimate would never let it through: 422, not a 429 to wait out.
        String small = Api.apiKey(user, "viewer");
        List<Map<String, Object>> keys = user.as().get("/api/api-keys").then().extract().path("items");
        String smallId = keys.stream().filter(k -> small.startsWith(k.get("key_prefix") + "_")).map(k -> (String) k.get("id")).findFirst()
                .orElseThrow();
        budget(Map.of("scope", "api_key", "api_key_id", smallId, "period", "day", "token_limit", 50)).then().statusCode(201);
        assertProblem(Api.json(given().header("X-API-Key", small)).body(ask("hello")).post("/api/conversations/" + conversation + "/messages"), 422);

        Map<String, Object> sums = Db.tx(() -> {
            Object[] row = (Object[]) Run.getEntityManager().createNativeQuery(
                    "SELECT coalesce(sum(total_tokens), 0), coalesce(sum(cost_estimate), 0) FROM runs WHERE user_id = ?1 AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")
                    .setParameter(1, user.id()).getSingleResult();
            Map<String, Object> m = new HashMap<>();
            m.put("tokens", ((Number) row[0]).intValue());
            m.put("cost", ((BigDecimal) row[1]).floatValue());
            return m;
        });
        given().header("X-API-Key", key).get("/api/me/budget").then().statusCode(200).body("$", hasSize(2))
                .body("find { it.scope == 'user' }.tokens_used", equalTo(sums.get("tokens")))
                .body("find { it.scope == 'user' }.cost_used", equalTo(sums.get("cost")))
                .body("find { it.scope == 'api_key' }.tokens_used", equalTo(4990));
        user.as().get("/api/me/budget").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void anIssuedTokensBudgetNarrowsItsUsersAndCountsOnlyWhatTheTokenSpent() {
        Api.Login user = Api.user("viewer");
        Response issued = Api.json(Api.asAdmin()).body(Map.of("user_id", user.id(), "roles", List.of("viewer"), "ttl", "PT1H",
                "description", "integration")).post("/api/admin/tokens");
        issued.then().statusCode(201);
        String token = issued.path("token");
        String jti = issued.path("jti");
        userBudget(user, "month", 1_000_000);
        budget(Map.of("scope", "issued_token", "issued_token_id", jti, "period", "day", "token_limit", 5000)).then().statusCode(201)
                .body("issued_token_id", equalTo(jti));
        UUID conversation = Chat.conversation(user, "issued token");

        // What the user spends through a login does not count against the token's budget...
        spent(user, 4500, null, Instant.now());
        Api.json(given().auth().oauth2(token)).body(ask("first")).post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        UUID madeWithToken = Db.tx(() -> Run.<Run>find("userId = ?1 and issuedTokenId = ?2", user.id(), UUID.fromString(jti))
                .firstResultOptional().map(r -> r.id).orElse(null));
        assertNotNull(madeWithToken, "the run records the issued token it was made with");
        // ...but what the token spent does: a nearly spent day refuses the token, not the login.
        Db.run(() -> Run.update("totalTokens = 4990 where id = ?1", madeWithToken));
        Response refused = Api.json(given().auth().oauth2(token)).body(ask("second")).post("/api/conversations/" + conversation + "/messages");
        assertProblem(refused, 429);
        refused.then().body("problems[0].scope", equalTo("issued_token")).body("problems[0].tokens_used", equalTo(4990));
        Chat.append(user, conversation, ask("through the login")).then().statusCode(201);
        given().auth().oauth2(token).get("/api/me/budget").then().statusCode(200).body("$", hasSize(2))
                .body("find { it.scope == 'issued_token' }.tokens_used", equalTo(4990));
        Api.json(Api.asAdmin()).queryParam("issued_token_id", jti).get("/api/admin/budgets").then().statusCode(200).body("items", hasSize(1));

        // a service token has no user budget to narrow; an unknown jti is unknown
        String service = Api.json(Api.asAdmin()).body(Map.of("service_name", "etl-budget", "roles", List.of("viewer"), "ttl", "PT1H"))
                .post("/api/admin/tokens").then().statusCode(201).extract().path("jti");
        long before = budgetRows();
        assertProblem(budget(Map.of("scope", "issued_token", "issued_token_id", service, "period", "day", "token_limit", 5)), 422);
        assertProblem(budget(Map.of("scope", "issued_token", "issued_token_id", UUID.randomUUID(), "period", "day", "token_limit", 5)), 422);
        assertProblem(budget(Map.of("scope", "issued_token", "period", "day", "token_limit", 5)), 422);
        assertProblem(budget(Map.of("scope", "issued_token", "issued_token_id", jti, "user_id", user.id(), "period", "day", "token_limit", 5)), 422);
        assertEquals(before, budgetRows());
    }

    @Test
    void usageByApiKeyEqualsTheRuns() {
        Api.Login user = Api.user("viewer");
        String key = Api.apiKey(user, "viewer");
        String keyId = user.as().get("/api/api-keys").then().extract().path("items[0].id");
        UUID conversation = Chat.conversation(user, "usage by key");
        Api.json(given().header("X-API-Key", key)).body(ask("one")).post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        Api.json(given().header("X-API-Key", key)).body(ask("two")).post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        Chat.append(user, conversation, ask("three")).then().statusCode(201);
        int byKey = Db.tx(() -> ((Number) Run.getEntityManager().createNativeQuery(
                "SELECT coalesce(sum(total_tokens), 0) FROM runs WHERE api_key_id = ?1").setParameter(1, UUID.fromString(keyId)).getSingleResult()).intValue());
        user.as().get("/api/analytics/usage?group_by=api_key").then().statusCode(200)
                .body("groups.find { it.key == '" + keyId + "' }.runs", equalTo(2))
                .body("groups.find { it.key == '" + keyId + "' }.tokens", equalTo(byKey))
                .body("groups.find { it.key == '' }.runs", equalTo(1));
        user.as().get("/api/analytics/usage?group_by=api_key").then().body("groups.find { it.key == '" + keyId + "' }.label",
                org.hamcrest.Matchers.startsWith("key-"));
        // A manager sees everyone's usage, but other users' keys only by id (names are for owners and admins).
        Api.user("manager").as().get("/api/analytics/usage?group_by=api_key&user_id=" + user.id()).then().statusCode(200)
                .body("groups.find { it.key == '" + keyId + "' }.label", equalTo("API key " + keyId.substring(0, 8)));
        Api.asAdmin().get("/api/analytics/usage?group_by=api_key&user_id=" + user.id()).then().statusCode(200)
                .body("groups.find { it.key == '" + keyId + "' }.label", org.hamcrest.Matchers.startsWith("key-"));
        assertProblem(user.as().get("/api/analytics/usage?group_by=team"), 400);
        // The figures budgets charge are the server's own: a client cannot rewrite a reply's run.
        UUID replyRun = Db.tx(() -> Run.<Run>find("conversationId", conversation).firstResult().id);
        assertProblem(Api.json(user.as()).body(Map.of("total_tokens", 0)).patch("/api/runs/" + replyRun), 409);
    }
}
