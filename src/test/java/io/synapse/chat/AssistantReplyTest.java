package io.synapse.chat;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.synapse.identity.User;
import io.synapse.runs.Run;
import io.synapse.runs.RunStatus;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
@TestProfile(ModelProviderProfile.class)
class AssistantReplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    StuckReplySweep sweep;

    @jakarta.inject.Inject
    io.synapse.runs.RunService runs;

    private static Map<String, Object> ask(String content) {
        return Map.of("role", "user", "content", content, "generate", true);
    }

    private static Response stream(Api.Login user, UUID conversation, String content) {
        return Api.json(user.as()).accept("text/event-stream").body(ask(content)).post("/api/conversations/" + conversation + "/messages");
    }

    private static List<Run> runs(UUID conversation) {
        return Db.tx(() -> Run.<Run>list("conversationId = ?1 order by createdAt", conversation));
    }

    /** "event: x" / "data: {...}" pairs of an SSE body. */
    private static List<Map.Entry<String, JsonNode>> events(String body) throws Exception {
        List<Map.Entry<String, JsonNode>> events = new ArrayList<>();
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                events.add(Map.entry(name, JSON.readTree(line.substring(5).trim())));
            }
        }
        return events;
    }

    @Test
    void aGeneratedReplyIsStoredWithItsRunAndContext() {
        Api.Login user = Api.user("viewer");
        UUID id = Chat.conversation(user, "assistant");
        Chat.userMessage(user, id, "first");
        Chat.assistantMessage(user, id, "second", "older-model");
        Chat.append(user, id, Map.of("role", "tool", "content", "rows: 3")).then().statusCode(201);
        FakeModelProvider.clear();
        long usageBefore = Db.tx(() -> User.<User>findById(user.id()).tokenUsage);

        Response response = Chat.append(user, id, ask("how many clients"));
        response.then().statusCode(201).header("Location", containsString("/api/messages/"))
                .body("user_message.sequence_number", equalTo(4)).body("user_message.role", equalTo("user"))
                .body("assistant_message.sequence_number", equalTo(5)).body("assistant_message.content", equalTo("Echo: how many clients"))
                .body("assistant_message.model", equalTo("fake-1-2026")).body("assistant_message.execution_time_ms", notNullValue())
                .body("run.status", equalTo("completed")).body("run.agent_type", equalTo("chat_reply")).body("run.model", equalTo("fake-1"))
                .body("run.error_code", equalTo(null)).body("run.latency_ms", notNullValue());

        // The request: key, model, system prompt, then the last three messages (history-messages = 3).
        List<FakeModelProvider.Received> all = FakeModelProvider.received();
        assertEquals(1, all.size());
        FakeModelProvider.Received sent = all.get(0);
        assertEquals("Bearer sk-test", sent.authorization());
        assertEquals("fake-1", sent.body().path("model").asText());
        JsonNode turns = sent.body().path("messages");
        assertEquals(4, turns.size(), turns.toString());
        assertEquals("system", turns.path(0).path("role").asText());
        assertEquals("Be brief.", turns.path(0).path("content").asText());
        assertEquals("assistant", turns.path(1).path("role").asText());
        assertEquals("Tool output:\nrows: 3", turns.path(2).path("content").asText());
        assertEquals("how many clients", turns.path(3).path("content").asText());

        int prompt = 2 + 1 + 4 + 3; // words of the four turns
        int completion = 4;
        Run run = runs(id).get(0);
        assertEquals(RunStatus.COMPLETED, run.status);
        assertEquals(prompt, run.promptTokens);
        assertEquals(completion, run.completionTokens);
        assertEquals(prompt + completion, run.totalTokens);
        assertEquals(new BigDecimal("0.011000"), run.costEstimate); // (10 * 0.5 + 4 * 1.5) / 1000
        assertEquals(response.path("user_message.id"), run.messageId.toString());
        assertEquals(response.path("assistant_message.id"), ((Map<?, ?>) run.output).get("assistant_message_id"));
        assertEquals(usageBefore + prompt + completion, (long) Db.tx(() -> User.<User>findById(user.id()).tokenUsage));
        assertEquals(5, Chat.row(id).messageCount);
        user.as().get("/api/messages/" + response.path("assistant_message.id")).then().statusCode(200).body("tokens_used", equalTo(14))
                .body("metadata.run_id", equalTo(run.id.toString()));
    }

    @Test
    void aStreamedReplyArrivesTokenByTokenAndIsStoredWhenComplete() throws Exception {
        Api.Login user = Api.user("rep");
        UUID id = Chat.conversation(user, "stream");
        Response response = stream(user, id, "tell me about stock levels");
        response.then().statusCode(200).contentType(startsWith("text/event-stream"));
        List<Map.Entry<String, JsonNode>> events = events(response.asString());
        assertEquals("start", events.get(0).getKey(), response.asString());
        assertEquals(1, events.get(0).getValue().path("user_message").path("sequence_number").asInt());
        StringBuilder streamed = new StringBuilder();
        int tokens = 0;
        for (Map.Entry<String, JsonNode> e : events) {
            if ("token".equals(e.getKey())) {
                streamed.append(e.getValue().path("delta").asText());
                tokens++;
            }
        }
        assertEquals(FakeModelProvider.tokens("Echo: tell me about stock levels").size(), tokens);
        assertEquals("Echo: tell me about stock levels", streamed.toString());
        Map.Entry<String, JsonNode> done = events.get(events.size() - 1);
        assertEquals("done", done.getKey());
        assertEquals("Echo: tell me about stock levels", done.getValue().path("assistant_message").path("content").asText());
        assertEquals("completed", done.getValue().path("run").path("status").asText());
        Run run = runs(id).get(0);
        assertEquals(RunStatus.COMPLETED, run.status);
        assertEquals((2 + 5) + 6, run.totalTokens); // system prompt + question, then "Echo:" and five words
        // The reply was stored off the request thread, still attributed to the caller and the request.
        AuditLog completed = Db.tx(() -> AuditLog.<AuditLog>find("action = 'run.completed' and resourceId = ?1", run.id.toString()).firstResult());
        assertEquals(user.id(), completed.userId);
        assertEquals(response.header("X-Request-Id"), completed.requestId);
        assertEquals(2, Chat.row(id).messageCount);
        assertTrue(FakeModelProvider.received().stream().anyMatch(r -> r.body().path("stream").asBoolean()
                && r.body().path("stream_options").path("include_usage").asBoolean()));
    }

    @Test
    void providerErrorsAndTimeoutsAreRecordedOnTheRun() {
        Api.Login user = Api.user("viewer");
        record Case(String content, int status, String code) {
        }
        for (Case c : List.of(new Case("boom [500]", 502, "provider_error"), new Case("zzz [slow]", 504, "provider_timeout"),
                new Case("what [garbage]", 502, "provider_bad_response"))) {
            UUID id = Chat.conversation(user, c.content());
            assertProblem(Chat.append(user, id, ask(c.content())), c.status()).body("detail", containsString(c.code()));
            Run run = runs(id).get(0);
            assertEquals(RunStatus.FAILED, run.status, c.content());
            assertEquals(c.code(), run.errorCode);
            assertNotNull(run.errorMessage);
            assertNotNull(run.completedAt);
            // The question stays; no reply was stored.
            assertEquals(1, Chat.row(id).messageCount);
            assertEquals(1, Chat.messageRows(id));
        }
        UUID id = Chat.conversation(user, "stream 500");
        assertProblem(stream(user, id, "boom [500]"), 502);
        assertEquals("provider_error", runs(id).get(0).errorCode);
        assertTrue(runs(id).get(0).errorMessage.contains("upstream exploded"), runs(id).get(0).errorMessage);
    }

    @Test
    void aStreamThatStallsEndsWithAnErrorEventAtTheTimeout() throws Exception {
        Api.Login user = Api.user("viewer");
        UUID id = Chat.conversation(user, "stall");
        Response response = stream(user, id, "wait [stall]");
        response.then().statusCode(200);
        List<Map.Entry<String, JsonNode>> events = events(response.asString());
        assertEquals("start", events.get(0).getKey());
        assertEquals("token", events.get(1).getKey());
        Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
        assertEquals("error", last.getKey(), response.asString());
        assertEquals(504, last.getValue().path("status").asInt());
        Run run = runs(id).get(0);
        assertEquals(RunStatus.FAILED, run.status);
        assertEquals("provider_timeout", run.errorCode);
        assertEquals(1, Chat.messageRows(id));
    }

    @Test
    void aClientThatLeavesMidStreamLeavesACancelledRunAndNoHalfReply() throws Exception {
        Api.Login user = Api.user("viewer");
        UUID id = Chat.conversation(user, "leaver");
        byte[] body = JSON.writeValueAsBytes(ask("count [long]"));
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/conversations/" + id + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + user.accessToken()
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("event: token") && !seen.toString().contains("event:token")) {
                int n = in.read(buffer);
                assertTrue(n > 0, seen.toString());
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        Db.eventually(() -> runs(id).get(0).status == RunStatus.CANCELLED);
        Run run = runs(id).get(0);
        assertEquals("client_disconnected", run.errorCode);
        assertNull(run.totalTokens);
        assertTrue(((Number) ((Map<?, ?>) run.output).get("partial_content_length")).intValue() > 0);
        Conversation conversation = Chat.row(id);
        assertEquals(1, conversation.messageCount);
        assertEquals(1, Chat.messageRows(id));
    }

    @Test
    void otherUsersConversationsAndBadRequestsNeverReachTheProvider() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "mine");
        FakeModelProvider.clear();
        for (String role : List.of("viewer", "rep", "manager")) {
            Api.Login other = Api.user(role);
            assertProblem(Chat.append(other, id, ask("steal")), 404);
            assertProblem(stream(other, id, "steal"), 404);
        }
        assertProblem(Api.json(Api.asAdmin()).body(ask("admin")).post("/api/conversations/" + id + "/messages"), 403);
        assertProblem(Chat.append(owner, id, Map.of("role", "user", "content", "   ", "generate", true)), 422);
        assertProblem(Chat.append(owner, UUID.randomUUID(), ask("nowhere")), 404);
        assertTrue(FakeModelProvider.received().isEmpty());
        assertEquals(0, Chat.messageRows(id));
        assertTrue(runs(id).isEmpty());
    }

    /** Issue 9: a NUL or a lone surrogate from the provider gave a 500 and a run stuck in processing. */
    @Test
    void aReplyWithTextPostgresCannotStoreIsCleanedPlainAndStreamed() throws Exception {
        Api.Login user = Api.user("viewer");
        UUID id = Chat.conversation(user, "unstorable");
        String expected = "Echo: odd [unstorable] \uFFFD \ud83d\ude00";
        Chat.append(user, id, ask("odd [unstorable]")).then().statusCode(201).body("assistant_message.content", equalTo(expected))
                .body("run.status", equalTo("completed"));

        Response response = stream(user, id, "odd [unstorable]");
        List<Map.Entry<String, JsonNode>> events = events(response.asString());
        StringBuilder streamed = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : events) {
            if ("token".equals(e.getKey())) {
                streamed.append(e.getValue().path("delta").asText());
            }
        }
        assertEquals(expected, streamed.toString());
        Map.Entry<String, JsonNode> done = events.get(events.size() - 1);
        assertEquals("done", done.getKey(), response.asString());
        assertEquals(expected, done.getValue().path("assistant_message").path("content").asText());
        assertTrue(runs(id).stream().allMatch(r -> r.status == RunStatus.COMPLETED));
    }

    @Test
    void replyRunsLeftProcessingByADeadReplicaAreFailedOnceAndClientRunsAreLeftAlone() {
        Api.Login user = Api.user("viewer");
        UUID conversation = Chat.conversation(user, "stuck");
        UUID stuck = Db.tx(() -> runs.startProcessing(user.id(), conversation, null, AssistantReplies.AGENT_TYPE, "fake-1", Map.of()).id);
        UUID recent = Db.tx(() -> runs.startProcessing(user.id(), conversation, null, AssistantReplies.AGENT_TYPE, "fake-1", Map.of()).id);
        UUID clients = Db.tx(() -> runs.startProcessing(user.id(), conversation, null, "client_agent", "m", Map.of()).id);
        Db.run(() -> Run.update("startedAt = ?1 where id in ?2", java.time.Instant.now().minusSeconds(3600), List.of(stuck, clients)));

        assertTrue(sweep.sweep() >= 1);
        Run failed = Db.tx(() -> Run.findById(stuck));
        assertEquals(RunStatus.FAILED, failed.status);
        assertEquals(StuckReplySweep.TIMED_OUT, failed.errorCode);
        assertEquals(RunStatus.PROCESSING, Db.tx(() -> Run.<Run>findById(recent).status));
        assertEquals(RunStatus.PROCESSING, Db.tx(() -> Run.<Run>findById(clients).status));
        sweep.sweep(); // again, as another replica would: nothing is failed twice
        assertEquals(1L, (long) Db.tx(() -> AuditLog.count("action = 'run.failed' and resourceId = ?1", stuck.toString())));
    }
}
