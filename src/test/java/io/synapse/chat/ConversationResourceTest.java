package io.synapse.chat;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class ConversationResourceTest {

    @Test
    void everyRoleHasItsOwnConversations() {
        for (String role : List.of("viewer", "rep", "manager", "admin")) {
            Api.Login user = Api.user(role);
            Response created = Api.json(user.as()).body(Map.of("title", "Q3 margins", "metadata", Map.of("source", "web"))).post("/api/conversations");
            created.then().statusCode(201).header("Location", containsString("/api/conversations/"))
                    .body("user_id", equalTo(user.id().toString())).body("status", equalTo("active")).body("message_count", equalTo(0))
                    .body("metadata.source", equalTo("web")).body("archived_at", nullValue());
            String id = created.path("id");
            user.as().get("/api/conversations").then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                    .body("next_cursor", nullValue());
            user.as().get("/api/conversations/" + id).then().statusCode(200).body("title", equalTo("Q3 margins"));
        }
        assertProblem(given().get("/api/conversations"), 401);
        assertProblem(given().contentType("application/json").body("{}").post("/api/conversations"), 401);
    }

    @Test
    void patchArchiveUnarchiveAndSoftDeleteLeaveAnAuditTrail() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "draft");
        Api.json(owner.as()).body(Map.of("title", "final")).patch("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("final")).body("metadata", equalTo(Map.of()));
        // Absent fields stay as they are.
        Api.json(owner.as()).body(Map.of("metadata", Map.of("pinned", true))).patch("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("final")).body("metadata.pinned", equalTo(true));
        owner.as().post("/api/conversations/" + id + "/archive").then().statusCode(200).body("status", equalTo("archived"))
                .body("archived_at", notNullValue());
        owner.as().get("/api/conversations?status=archived").then().body("items", hasSize(1));
        owner.as().get("/api/conversations?status=active").then().body("items", hasSize(0));
        assertProblem(Chat.append(owner, id, Map.of("role", "user", "content", "hi")), 409);
        owner.as().post("/api/conversations/" + id + "/unarchive").then().statusCode(200).body("status", equalTo("active"))
                .body("archived_at", nullValue());
        owner.as().delete("/api/conversations/" + id).then().statusCode(204);
        owner.as().get("/api/conversations").then().body("items", hasSize(0));
        assertProblem(owner.as().get("/api/conversations/" + id), 404);
        assertProblem(owner.as().delete("/api/conversations/" + id), 404);
        assertEquals(ConversationStatus.DELETED, Chat.row(id).status);
        List<String> actions = Db.tx(() -> AuditLog.<AuditLog>list("resourceId = ?1 order by id", id.toString()).stream().map(a -> a.action).toList());
        assertEquals(List.of("conversation.create", "conversation.update", "conversation.update", "conversation.archive",
                "conversation.unarchive", "conversation.delete"), actions);
    }

    @Test
    void adminsReadEveryonesConversationsButOnlyOwnersChangeThem() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "mine");
        Chat.userMessage(owner, id, "hello");
        Api.asAdmin().get("/api/conversations/" + id).then().statusCode(200);
        Api.asAdmin().get("/api/conversations/" + id + "/messages").then().statusCode(200).body("items", hasSize(1));
        Api.asAdmin().get("/api/conversations?user_id=" + owner.id()).then().statusCode(200).body("items", hasSize(1));
        assertProblem(Api.json(Api.asAdmin()).body(Map.of("title", "x")).patch("/api/conversations/" + id), 403);
        assertProblem(Api.json(Api.asAdmin()).body(Map.of("role", "user", "content", "x")).post("/api/conversations/" + id + "/messages"), 403);
        assertEquals("mine", Chat.row(id).title);
        // A manager is not an admin: the conversation does not exist for them, and user_id is ignored.
        Api.Login manager = Api.user("manager");
        assertProblem(manager.as().get("/api/conversations/" + id), 404);
        manager.as().get("/api/conversations?user_id=" + owner.id()).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anotherUsersConversationDoesNotExistAndStaysUntouched() {
        Api.Login owner = Api.user("manager");
        UUID id = Chat.conversation(owner, "private");
        Chat.userMessage(owner, id, "secret");
        for (String role : List.of("viewer", "rep", "manager")) {
            Api.Login other = Api.user(role);
            String path = "/api/conversations/" + id;
            assertProblem(other.as().get(path), 404);
            assertProblem(other.as().get(path + "/messages"), 404);
            assertProblem(other.as().get(path + "/export"), 404);
            assertProblem(Api.json(other.as()).body(Map.of("title", "hijacked")).patch(path), 404);
            assertProblem(other.as().post(path + "/archive"), 404);
            assertProblem(other.as().post(path + "/unarchive"), 404);
            assertProblem(other.as().delete(path), 404);
            assertProblem(Chat.append(other, id, Map.of("role", "user", "content", "injected")), 404);
            other.as().get("/api/conversations").then().body("items", hasSize(0));
        }
        Conversation row = Chat.row(id);
        assertEquals("private", row.title);
        assertEquals(ConversationStatus.ACTIVE, row.status);
        assertEquals(1, row.messageCount);
        assertEquals(1, Chat.messageRows(id));
    }

    @Test
    void purgeIsForAdminsAndCascadesButKeepsRuns() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "to purge");
        UUID message = Chat.assistantMessage(owner, id, "answer", "m1");
        Api.json(owner.as()).body(Map.of("rating", "thumbs_up")).put("/api/messages/" + message + "/feedback").then().statusCode(200);
        String run = Api.json(owner.as()).body(Map.of("agent_type", "rag", "conversation_id", id.toString(), "message_id", message.toString()))
                .post("/api/runs").then().statusCode(201).extract().path("id");
        owner.as().delete("/api/conversations/" + id).then().statusCode(204);
        assertProblem(owner.as().delete("/api/admin/conversations/" + id), 403);
        assertProblem(Api.user("manager").as().delete("/api/admin/conversations/" + id), 403);
        assertProblem(given().delete("/api/admin/conversations/" + id), 401);
        Api.asAdmin().delete("/api/admin/conversations/" + id).then().statusCode(204);
        assertProblem(Api.asAdmin().delete("/api/admin/conversations/" + id), 404);
        assertProblem(Api.asAdmin().delete("/api/admin/conversations/not-a-uuid"), 404);
        assertNull(Chat.row(id));
        assertEquals(0, Chat.messageRows(id));
        assertEquals(0L, (long) Db.tx(() -> Feedback.count("messageId", message)));
        owner.as().get("/api/runs/" + run).then().statusCode(200).body("conversation_id", nullValue()).body("message_id", nullValue());
        assertEquals(1L, (long) Db.tx(() -> AuditLog.count("action = 'conversation.purge' and resourceId = ?1", id.toString())));
    }

    @Test
    void listFiltersByTitleAndPagesMostRecentlyUpdatedFirst() {
        Api.Login owner = Api.user("viewer");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(Chat.conversation(owner, (i % 2 == 0 ? "Sales " : "Stock ") + i + " 100%_done"));
        }
        // Appending a message moves a conversation to the top.
        Chat.userMessage(owner, ids.get(0), "bump");
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = owner.as().queryParam("limit", 3).queryParam("cursor", cursor == null ? "" : cursor).get("/api/conversations");
            page.then().statusCode(200);
            List<String> items = page.path("items.id");
            order.addAll(items);
            seen.addAll(items);
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(ids.get(0).toString(), order.get(0));
        assertEquals(ids.get(6).toString(), order.get(1));
        owner.as().queryParam("q", "sales").get("/api/conversations").then().body("items", hasSize(4));
        owner.as().queryParam("q", "STOCK 3").get("/api/conversations").then().body("items", hasSize(1));
        // LIKE wildcards in q are literal.
        owner.as().queryParam("q", "%_").get("/api/conversations").then().body("items", hasSize(7));
        owner.as().queryParam("q", "0%x").get("/api/conversations").then().body("items", hasSize(0));
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "kept");
        long before = Db.tx(() -> Conversation.count("userId", owner.id()));
        assertProblem(owner.as().contentType("application/json").body("{\"title\": ").post("/api/conversations"), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"title\": 5}").post("/api/conversations"), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"title\": \"x\", \"user_id\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/conversations"), 400).body("errors[0].field", equalTo("user_id"));
        assertProblem(owner.as().contentType("application/json").body("{\"metadata\": []}").post("/api/conversations"), 400);
        assertProblem(Api.json(owner.as()).body(Map.of("title", "t".repeat(256))).post("/api/conversations"), 400)
                .body("errors[0].field", containsString("title"));
        assertProblem(Api.json(owner.as()).body(Map.of("title", Api.oneMegabyte())).post("/api/conversations"), 400);
        assertProblem(owner.as().contentType("application/json").body("null").post("/api/conversations"), 400);
        assertProblem(owner.as().contentType("text/plain").body("title").post("/api/conversations"), 415);
        assertEquals(before, (long) Db.tx(() -> Conversation.count("userId", owner.id())));

        assertProblem(Api.json(owner.as()).body(Map.of("title", "t".repeat(256))).patch("/api/conversations/" + id), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"status\": \"deleted\"}").patch("/api/conversations/" + id), 400);
        assertEquals("kept", Chat.row(id).title);
        assertProblem(owner.as().get("/api/conversations/" + UUID.randomUUID()), 404);
        assertProblem(owner.as().get("/api/conversations/not-a-uuid"), 404);
        assertProblem(Api.json(owner.as()).body(Map.of("title", "x")).patch("/api/conversations/" + UUID.randomUUID()), 404);
        assertProblem(owner.as().get("/api/conversations?status=deleted"), 400).body("errors[0].field", equalTo("status"));
        assertProblem(owner.as().get("/api/conversations?status=bogus"), 400).body("errors[0].field", equalTo("status"));
        assertProblem(owner.as().get("/api/conversations?limit=0"), 400);
        assertProblem(owner.as().get("/api/conversations?limit=abc"), 400);
        assertProblem(owner.as().get("/api/conversations?cursor=%%%"), 400);
        assertProblem(owner.as().get("/api/conversations?cursor=bm90LWEtY3Vyc29y"), 400);
        assertProblem(owner.as().get("/api/conversations?user_id=nope"), 400);
        assertProblem(owner.as().queryParam("q", "q".repeat(201)).get("/api/conversations"), 400);
        assertProblem(owner.as().get("/api/conversations/" + id + "/export?format=pdf"), 400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void exportsJsonAndMarkdownWithCitations() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "Export me");
        Chat.userMessage(owner, id, "What were sales in SP?");
        Chat.append(owner, id, Map.of("role", "assistant", "content", "Sales were 42 t [1].", "model", "gpt-x",
                "citations", List.of(Map.of("source_index", 1, "inline_number", 1, "source_name", "faturamento.csv", "page_number", 3,
                        "snippet", "SP 42 t", "confidence", 0.9, "text_start_index", 0, "text_end_index", 19))))
                .then().statusCode(201);
        owner.as().get("/api/conversations/" + id + "/export").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Content-Disposition", containsString(".json"))
                .body("conversation.title", equalTo("Export me")).body("messages", hasSize(2))
                .body("messages[1].citations[0].source_name", equalTo("faturamento.csv"));
        String md = owner.as().get("/api/conversations/" + id + "/export?format=markdown").then().statusCode(200)
                .contentType(startsWith("text/markdown")).extract().asString();
        assertTrue(md.startsWith("# Export me\n"), md);
        assertTrue(md.contains("## 1. user"), md);
        assertTrue(md.contains("## 2. assistant (gpt-x)"), md);
        assertTrue(md.contains("[^2-1]: faturamento.csv, p. 3"), md);
        Api.asAdmin().get("/api/conversations/" + id + "/export?format=markdown").then().statusCode(200);
    }
}
