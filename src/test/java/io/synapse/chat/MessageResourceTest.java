package io.synapse.chat;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

@QuarkusTest
class MessageResourceTest {

    private static Map<String, Object> citation(Object start, Object end, Object confidence) {
        Map<String, Object> c = new HashMap<>();
        c.put("source_index", 1);
        c.put("inline_number", 1);
        c.put("source_name", "manual.pdf");
        c.put("source_uri", "gs://docs/manual.pdf");
        c.put("page_number", 7);
        c.put("snippet", "the quoted text");
        c.put("confidence", confidence);
        c.put("text_start_index", start);
        c.put("text_end_index", end);
        return c;
    }

    private static Map<String, Object> assistant(String content, List<?> citations) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", "assistant");
        body.put("content", content);
        body.put("model", "gpt-4o-mini");
        body.put("tokens_used", 120);
        body.put("sql_query", "SELECT 1");
        body.put("query_result", Map.of("rows", List.of(List.of(1))));
        body.put("execution_time_ms", 35);
        body.put("citations", citations);
        return body;
    }

    @Test
    void messagesOfEveryRoleAreNumberedAndCarryTheirFields() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "numbers");
        Chat.append(owner, id, Map.of("role", "system", "content", "You are helpful.")).then().statusCode(201).body("sequence_number", equalTo(1));
        Chat.append(owner, id, Map.of("role", "user", "content", "How many?")).then().statusCode(201).body("sequence_number", equalTo(2));
        Response reply = Chat.append(owner, id, assistant("There are 12 [1].", List.of(citation(0, 17, 0.8))));
        reply.then().statusCode(201).body("sequence_number", equalTo(3)).body("model", equalTo("gpt-4o-mini")).body("tokens_used", equalTo(120))
                .body("query_result.rows[0][0]", equalTo(1)).body("citations", hasSize(1)).body("citations[0].confidence", equalTo(0.8f))
                .body("feedback", nullValue());
        Chat.append(owner, id, Map.of("role", "tool", "content", "{\"ok\":true}", "error_message", "partial")).then().statusCode(201)
                .body("sequence_number", equalTo(4));
        Conversation row = Chat.row(id);
        assertEquals(4, row.messageCount);
        assertEquals(row.updatedAt, row.lastMessageAt);
        owner.as().get("/api/conversations/" + id).then().body("message_count", equalTo(4)).body("last_message_at", notNullValue());
        String messageId = reply.path("id");
        Api.json(owner.as()).body(Map.of("rating", "thumbs_down", "comment", "wrong number")).put("/api/messages/" + messageId + "/feedback")
                .then().statusCode(200);
        owner.as().get("/api/messages/" + messageId).then().statusCode(200).body("conversation_id", equalTo(id.toString()))
                .body("citations[0].source_uri", equalTo("gs://docs/manual.pdf")).body("feedback.rating", equalTo("thumbs_down"))
                .body("feedback.comment", equalTo("wrong number"));
        owner.as().get("/api/conversations/" + id + "/messages").then().statusCode(200).body("items", hasSize(4))
                .body("items.sequence_number", equalTo(List.of(1, 2, 3, 4))).body("items[2].feedback.rating", equalTo("thumbs_down"));
    }

    @Test
    void pagesOldestFirstByKeyset() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "long");
        for (int i = 1; i <= 11; i++) {
            Chat.userMessage(owner, id, "m" + i);
        }
        List<Integer> sequence = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = owner.as().queryParam("limit", 4).queryParam("cursor", cursor == null ? "" : cursor).get("/api/conversations/" + id + "/messages");
            page.then().statusCode(200);
            sequence.addAll(page.path("items.sequence_number"));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), sequence);
    }

    @Test
    void citationAndRoleRulesAnswer422AndStoreNothing() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "rules");
        String content = "twelve chars";
        record Case(Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(
                new Case(assistant(content, List.of(citation(0, 13, 0.5))), "citations[0].text_end_index"),
                new Case(assistant(content, List.of(citation(5, 2, 0.5))), "citations[0].text_start_index"),
                new Case(assistant(content, List.of(citation(-1, 2, 0.5))), "citations[0].text_start_index"),
                new Case(assistant(content, List.of(citation(0, 5, 1.5))), "citations[0].confidence"),
                new Case(assistant(content, List.of(citation(0, 5, 0.5), citation(0, 5, -0.1))), "citations[1].confidence"),
                new Case(assistant(content, List.of(citation(0, null, 0.5))), "citations[0].text_end_index"),
                new Case(Map.of("role", "user", "content", "hi", "model", "gpt"), "model"),
                new Case(Map.of("role", "user", "content", "hi", "sql_query", "select 1"), "sql_query"),
                new Case(Map.of("role", "system", "content", "hi", "citations", List.of(citation(0, 1, 0.5))), "citations"),
                new Case(Map.of("role", "assistant", "content", "hi", "generate", true), "generate"));
        for (Case c : cases) {
            assertProblem(Chat.append(owner, id, c.body()), 422).body("errors[0].field", equalTo(c.field()));
        }
        assertEquals(0, Chat.messageRows(id));
        assertEquals(0, Chat.row(id).messageCount);
        // The boundary itself is fine: end == content length, start == end.
        Chat.append(owner, id, assistant(content, List.of(citation(12, 12, 0), citation(0, 12, 1)))).then().statusCode(201);
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "bad input");
        String path = "/api/conversations/" + id + "/messages";
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"user\", ").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"robot\", \"content\": \"x\"}").post(path), 400)
                .body("errors[0].field", equalTo("role"));
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"user\"}").post(path), 400)
                .body("errors[0].field", containsString("content"));
        assertProblem(owner.as().contentType("application/json").body("{\"content\": \"x\"}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"assistant\", \"content\": \"x\", \"tokens_used\": \"many\"}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"assistant\", \"content\": \"x\", \"tokens_used\": 1.5}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"assistant\", \"content\": \"x\", \"tokens_used\": -1}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"user\", \"content\": \"x\", \"sequence_number\": 9}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"user\", \"content\": \"x\", \"generate\": \"yes\"}").post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"role\": \"assistant\", \"content\": \"x\", \"citations\": [{\"snippet\": \"no index\"}]}").post(path), 400);
        assertProblem(Api.json(owner.as()).body(Map.of("role", "user", "content", "x".repeat(MessageCreate.MAX_CONTENT + 1))).post(path), 400);
        assertProblem(owner.as().contentType("application/json").body("[]").post(path), 400);
        assertProblem(Chat.append(owner, UUID.randomUUID(), Map.of("role", "user", "content", "x")), 404);
        assertProblem(owner.as().get(path + "?limit=501"), 400);
        assertProblem(owner.as().get(path + "?cursor=@@"), 400);
        assertProblem(owner.as().get("/api/messages/" + UUID.randomUUID()), 404);
        assertEquals(0, Chat.messageRows(id));
        assertEquals(0, Chat.row(id).messageCount);
    }

    @Test
    void anotherUsersMessagesDoNotExist() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "mine");
        UUID message = Chat.assistantMessage(owner, id, "answer", "m");
        for (String role : List.of("viewer", "rep", "manager")) {
            Api.Login other = Api.user(role);
            assertProblem(other.as().get("/api/messages/" + message), 404);
            assertProblem(Api.json(other.as()).body(Map.of("rating", "thumbs_up")).put("/api/messages/" + message + "/feedback"), 404);
            assertProblem(other.as().delete("/api/messages/" + message + "/feedback"), 404);
        }
        Api.asAdmin().get("/api/messages/" + message).then().statusCode(200);
        assertProblem(given().get("/api/messages/" + message), 401);
        assertEquals(0L, (long) Db.tx(() -> Feedback.count("messageId", message)));
        // Soft-deleted: gone for the owner too.
        owner.as().delete("/api/conversations/" + id).then().statusCode(204);
        assertProblem(owner.as().get("/api/messages/" + message), 404);
    }

    @Test
    void generatingWithoutAProviderAnswers503AndStoresNothing() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "no provider");
        assertProblem(Chat.append(owner, id, Map.of("role", "user", "content", "hello", "generate", true)), 503)
                .body("detail", containsString("SYNAPSE_CHAT_PROVIDER_BASE_URL"));
        assertProblem(Api.json(owner.as()).accept("text/event-stream").body(Map.of("role", "user", "content", "hello", "generate", true))
                .post("/api/conversations/" + id + "/messages"), 503);
        assertProblem(Api.json(owner.as()).accept("text/event-stream").body(Map.of("role", "user", "content", "hello"))
                .post("/api/conversations/" + id + "/messages"), 400);
        assertEquals(0, Chat.messageRows(id));
        assertEquals(0L, (long) Db.tx(() -> io.synapse.runs.Run.count("conversationId", id)));
    }
}
