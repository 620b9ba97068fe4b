package io.synapse.runs;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.identity.User;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class RunResourceTest {

    static String create(Api.Login user, Map<String, ?> body) {
        return Api.json(user.as()).body(body).post("/api/runs").then().statusCode(201).extract().path("id");
    }

    static Response patch(Api.Login user, String id, Map<String, ?> body) {
        return Api.json(user.as()).body(body).patch("/api/runs/" + id);
    }

    static long tokenUsage(UUID user) {
        return Db.tx(() -> User.<User>findById(user).tokenUsage);
    }

    @Test
    void aRunGoesFromPendingThroughProcessingToCompletedAndCountsTokens() {
        Api.Login user = Api.user("rep");
        String id = create(user, Map.of("agent_type", "sql_agent", "model", "gpt-4o", "input", Map.of("question", "top clients?"),
                "metadata", Map.of("ui", "web")));
        user.as().get("/api/runs/" + id).then().statusCode(200).body("status", equalTo("pending")).body("input.question", equalTo("top clients?"))
                .body("started_at", nullValue()).body("user_id", equalTo(user.id().toString()));
        patch(user, id, Map.of("status", "processing")).then().statusCode(200).body("status", equalTo("processing")).body("started_at", notNullValue());
        patch(user, id, Map.of("prompt_tokens", 100)).then().statusCode(200).body("status", equalTo("processing")).body("prompt_tokens", equalTo(100));
        patch(user, id, Map.of("status", "completed", "completion_tokens", 50, "cost_estimate", 0.0125, "output", Map.of("answer", "ACME")))
                .then().statusCode(200).body("status", equalTo("completed")).body("total_tokens", equalTo(150)).body("completed_at", notNullValue())
                .body("latency_ms", notNullValue()).body("cost_estimate", equalTo(0.0125f)).body("output.answer", equalTo("ACME"));
        assertEquals(150, tokenUsage(user.id()));
        assertProblem(patch(user, id, Map.of("status", "failed")), 409);
        assertProblem(patch(user, id, Map.of("prompt_tokens", 1)), 409);
        assertEquals(150, tokenUsage(user.id()));
        List<String> actions = Db.tx(() -> AuditLog.<AuditLog>list("resourceId = ?1 order by id", id).stream().map(a -> a.action).toList());
        assertEquals(List.of("run.create", "run.processing", "run.update", "run.completed"), actions);
    }

    @Test
    void onlyLegalTransitionsAreAccepted() {
        Api.Login user = Api.user("viewer");
        Map<RunStatus, List<RunStatus>> paths = Map.of(
                RunStatus.PENDING, List.of(),
                RunStatus.PROCESSING, List.of(RunStatus.PROCESSING),
                RunStatus.COMPLETED, List.of(RunStatus.PROCESSING, RunStatus.COMPLETED),
                RunStatus.FAILED, List.of(RunStatus.PROCESSING, RunStatus.FAILED),
                RunStatus.CANCELLED, List.of(RunStatus.CANCELLED));
        for (Map.Entry<RunStatus, List<RunStatus>> from : paths.entrySet()) {
            for (RunStatus target : RunStatus.values()) {
                String id = create(user, Map.of("agent_type", "matrix"));
                for (RunStatus step : from.getValue()) {
                    patch(user, id, Map.of("status", step.value())).then().statusCode(200);
                }
                Response response = patch(user, id, Map.of("status", target.value()));
                boolean legal = from.getKey().next().contains(target);
                if (legal) {
                    response.then().statusCode(200).body("status", equalTo(target.value()));
                } else {
                    assertProblem(response, 409);
                    assertEquals(from.getKey(), Db.tx(() -> Run.<Run>findById(UUID.fromString(id)).status), from.getKey() + " -> " + target);
                }
            }
        }
        assertEquals(EnumSet.of(RunStatus.PROCESSING, RunStatus.CANCELLED), RunStatus.PENDING.next());
        assertEquals(0, tokenUsage(user.id()));
    }

    @Test
    void failedAndCancelledRunsKeepTheirErrorAndAddNoTokens() {
        Api.Login user = Api.user("viewer");
        String failed = create(user, Map.of("agent_type", "rag"));
        patch(user, failed, Map.of("status", "processing")).then().statusCode(200);
        patch(user, failed, Map.of("status", "failed", "error_code", "rate_limited", "error_message", "429 upstream", "prompt_tokens", 10,
                "completion_tokens", 0)).then().statusCode(200).body("error_code", equalTo("rate_limited")).body("total_tokens", equalTo(10));
        String cancelled = create(user, Map.of("agent_type", "rag"));
        patch(user, cancelled, Map.of("status", "cancelled")).then().statusCode(200).body("completed_at", notNullValue())
                .body("latency_ms", nullValue());
        assertEquals(0, tokenUsage(user.id()));
    }

    @Test
    void usersSeeTheirOwnRunsManagersAndAdminsEveryones() {
        String agent = "agent-" + UUID.randomUUID();
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("rep");
        String aliceRun = create(alice, Map.of("agent_type", agent, "model", "m1"));
        String bobRun = create(bob, Map.of("agent_type", agent, "model", "m2"));
        alice.as().get("/api/runs?agent_type=" + agent).then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(aliceRun));
        // user_id does not widen a user's view.
        alice.as().get("/api/runs?agent_type=" + agent + "&user_id=" + bob.id()).then().body("items", hasSize(1)).body("items[0].id", equalTo(aliceRun));
        assertProblem(alice.as().get("/api/runs/" + bobRun), 404);
        assertProblem(patch(alice, bobRun, Map.of("status", "cancelled")), 404);
        assertProblem(patch(Api.user("rep"), bobRun, Map.of("status", "cancelled")), 404);
        Api.Login manager = Api.user("manager");
        manager.as().get("/api/runs?agent_type=" + agent).then().body("items", hasSize(2));
        manager.as().get("/api/runs?agent_type=" + agent + "&user_id=" + bob.id()).then().body("items", hasSize(1));
        manager.as().get("/api/runs/" + bobRun).then().statusCode(200);
        // Managers read; they do not drive other people's runs.
        assertProblem(patch(manager, bobRun, Map.of("status", "cancelled")), 404);
        Api.asAdmin().get("/api/runs?agent_type=" + agent + "&model=m1").then().body("items", hasSize(1)).body("items[0].id", equalTo(aliceRun));
        Api.json(Api.asAdmin()).body(Map.of("status", "cancelled")).patch("/api/runs/" + bobRun).then().statusCode(200);
        Api.asAdmin().get("/api/runs?agent_type=" + agent + "&status=cancelled").then().body("items", hasSize(1));
        assertEquals(RunStatus.PENDING, Db.tx(() -> Run.<Run>findById(UUID.fromString(aliceRun)).status));
        assertProblem(given().get("/api/runs"), 401);
    }

    @Test
    void filtersAndKeysetPaging() {
        Api.Login user = Api.user("viewer");
        String agent = "pager-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            create(user, Map.of("agent_type", agent));
        }
        Response first = user.as().get("/api/runs?limit=2&agent_type=" + agent);
        first.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", notNullValue());
        Response second = user.as().queryParam("cursor", (String) first.path("next_cursor")).get("/api/runs?limit=2&agent_type=" + agent);
        Response third = user.as().queryParam("cursor", (String) second.path("next_cursor")).get("/api/runs?limit=2&agent_type=" + agent);
        third.then().body("items", hasSize(1)).body("next_cursor", nullValue());
        user.as().get("/api/runs?status=pending&agent_type=" + agent + "&from=2000-01-01T00:00:00Z").then().body("items", hasSize(5));
        user.as().get("/api/runs?agent_type=" + agent + "&to=2000-01-01T00:00:00Z").then().body("items", hasSize(0));
    }

    @Test
    void linksMustBeTheCallersOwnRows() {
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("viewer");
        String aliceConversation = Api.json(alice.as()).body(Map.of("title", "a")).post("/api/conversations").then().extract().path("id");
        String bobConversation = Api.json(bob.as()).body(Map.of("title", "b")).post("/api/conversations").then().extract().path("id");
        String bobMessage = Api.json(bob.as()).body(Map.of("role", "user", "content", "hi")).post("/api/conversations/" + bobConversation + "/messages")
                .then().extract().path("id");
        long before = Db.tx(() -> Run.count("userId", alice.id()));
        assertProblem(Api.json(alice.as()).body(Map.of("conversation_id", bobConversation)).post("/api/runs"), 422)
                .body("errors[0].field", equalTo("conversation_id"));
        assertProblem(Api.json(alice.as()).body(Map.of("message_id", bobMessage)).post("/api/runs"), 422)
                .body("errors[0].field", equalTo("message_id"));
        assertProblem(Api.json(alice.as()).body(Map.of("conversation_id", UUID.randomUUID().toString())).post("/api/runs"), 422);
        assertProblem(Api.json(bob.as()).body(Map.of("conversation_id", aliceConversation, "message_id", bobMessage)).post("/api/runs"), 422);
        assertEquals(before, (long) Db.tx(() -> Run.count("userId", alice.id())));
        create(bob, Map.of("conversation_id", bobConversation, "message_id", bobMessage));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Api.Login user = Api.user("viewer");
        String id = create(user, Map.of("agent_type", "bad-input"));
        long before = Db.tx(() -> Run.count("userId", user.id()));
        assertProblem(user.as().contentType("application/json").body("{\"agent_type\": ").post("/api/runs"), 400);
        assertProblem(user.as().contentType("application/json").body("{\"agent_type\": 5}").post("/api/runs"), 400);
        assertProblem(user.as().contentType("application/json").body("{\"input\": \"text\"}").post("/api/runs"), 400);
        assertProblem(user.as().contentType("application/json").body("{\"status\": \"completed\"}").post("/api/runs"), 400);
        assertProblem(user.as().contentType("application/json").body("{\"conversation_id\": \"nope\"}").post("/api/runs"), 400);
        assertProblem(Api.json(user.as()).body(Map.of("agent_type", "a".repeat(101))).post("/api/runs"), 400);
        // The server's own reply runs are swept when stuck: a client may not start one (issue 9 review).
        assertProblem(Api.json(user.as()).body(Map.of("agent_type", "chat_reply")).post("/api/runs"), 422).body("errors[0].field", equalTo("agent_type"));
        assertProblem(Api.json(user.as()).body(Map.of("model", Api.oneMegabyte())).post("/api/runs"), 400);
        assertEquals(before, (long) Db.tx(() -> Run.count("userId", user.id())));

        Map<String, Object> negative = new HashMap<>(Map.of("prompt_tokens", -1));
        assertProblem(patch(user, id, negative), 400);
        assertProblem(patch(user, id, Map.of("status", "done")), 400).body("errors[0].field", equalTo("status"));
        assertProblem(patch(user, id, Map.of("cost_estimate", -0.5)), 400);
        assertProblem(patch(user, id, Map.of("cost_estimate", 0.1234567)), 400);
        assertProblem(patch(user, id, Map.of("latency_ms", "fast")), 400);
        assertProblem(patch(user, id, Map.of("user_id", UUID.randomUUID().toString())), 400);
        assertProblem(patch(user, UUID.randomUUID().toString(), Map.of("status", "processing")), 404);
        assertProblem(user.as().contentType("application/json").body("null").patch("/api/runs/" + id), 400);
        Run row = Db.tx(() -> Run.findById(UUID.fromString(id)));
        assertEquals(RunStatus.PENDING, row.status);
        assertEquals(null, row.promptTokens);
        assertProblem(user.as().get("/api/runs?status=bogus"), 400);
        assertProblem(user.as().get("/api/runs?from=last-week"), 400);
        assertProblem(user.as().get("/api/runs?conversation_id=x"), 400);
        assertProblem(user.as().get("/api/runs/" + UUID.randomUUID()), 404);
    }
}
