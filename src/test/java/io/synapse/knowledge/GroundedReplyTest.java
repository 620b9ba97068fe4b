package io.synapse.knowledge;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.chat.ModelProviderProfile;
import io.synapse.runs.Run;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Grounded replies against the fake OpenAI-compatible server, which also serves /embeddings
 * here: the profile proves the configurable endpoint, and its 1536-dimension vectors.
 */
@QuarkusTest
@TestProfile(ModelProviderProfile.class)
class GroundedReplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static UUID conversation(Api.Login owner, Boolean useKnowledge) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "grounded"));
        if (useKnowledge != null) {
            body.put("use_knowledge", useKnowledge);
        }
        return UUID.fromString(Api.json(owner.as()).body(body).post("/api/conversations").then().statusCode(201)
                .body("use_knowledge", equalTo(Boolean.TRUE.equals(useKnowledge))).extract().path("id"));
    }

    @Test
    void aGroundedReplyCitesTheChunksItWasGivenAndOnlyThoseTheCallerMayRead() {
        String word = "qwz" + unique();
        Api.Login owner = Api.user("viewer");
        Api.Login other = Api.user("viewer");
        UUID doc = Knowledge.indexed(owner, "# Boiler maintenance " + word + "\n\nBleed the " + word + " radiators every autumn to let trapped air out.",
                Map.of("source_uri", "https://wiki.example/boiler"));
        owner.as().get("/api/knowledge/documents/" + doc).then().body("embedding_model", equalTo("fake-embed-1536"))
                .body("embedding_dimension", equalTo(1536));
        UUID secret = Knowledge.indexed(other, "# Other's boiler " + word + "\n\nThe " + word + " radiators of someone else.", Map.of());

        UUID conversation = conversation(owner, true);
        Response reply = Api.json(owner.as()).body(Map.of("role", "user", "content", "How do I bleed the " + word + " radiators?", "generate", true))
                .post("/api/conversations/" + conversation + "/messages");
        reply.then().statusCode(201);
        String content = reply.path("assistant_message.content");
        List<Map<String, Object>> citations = reply.path("assistant_message.citations");
        assertFalse(citations.isEmpty(), "the reply cites its source: " + content);
        assertTrue(citations.stream().anyMatch(c -> doc.toString().equals(c.get("document_id"))), "the best source is cited: " + citations);
        for (Map<String, Object> c : citations) {
            assertFalse(secret.toString().equals(c.get("document_id")), "another user's private document was cited");
            assertNotNull(c.get("chunk_id"));
            int start = (Integer) c.get("text_start_index");
            int end = (Integer) c.get("text_end_index");
            assertTrue(content.substring(start, end).endsWith("[" + c.get("source_index") + "]"), "the span ends with its marker");
            if (doc.toString().equals(c.get("document_id"))) {
                assertTrue(((String) c.get("snippet")).contains("Bleed the " + word), "the snippet quotes the chunk");
                assertEquals("https://wiki.example/boiler", c.get("source_uri"));
            }
        }
        assertTrue(content.contains("[99]") && citations.stream().noneMatch(c -> Integer.valueOf(99).equals(c.get("source_index"))),
                "a marker naming no source sent is not a citation");
        // The model was sent the owner's chunk and not the other user's.
        String sent = Db.tx(() -> Run.<Run>find("conversationId", conversation).firstResult().input.toString());
        assertTrue(sent.contains("chunk_ids") && sent.contains("retrieval_ms") && sent.contains("context_tokens"), sent);
        List<?> chunkIds = Db.tx(() -> (List<?>) ((Map<?, ?>) Run.<Run>find("conversationId", conversation).firstResult().input.get("knowledge")).get("chunk_ids"));
        List<?> secretChunks = Db.tx(() -> io.synapse.knowledge.documents.DocumentChunk.<io.synapse.knowledge.documents.DocumentChunk>list("documentId", secret)
                .stream().map(ch -> ch.id).toList());
        for (Object id : secretChunks) {
            assertFalse(chunkIds.stream().anyMatch(x -> ((Number) x).longValue() == (Long) id), "another user's private chunk reached the model");
        }
        // The citation is stored, and stays (without its links) when the document goes.
        UUID assistant = UUID.fromString(reply.path("assistant_message.id"));
        owner.as().get("/api/messages/" + assistant).then().statusCode(200).body("citations.document_id", org.hamcrest.Matchers.hasItem(doc.toString()));
        owner.as().delete("/api/knowledge/documents/" + doc).then().statusCode(204);
        owner.as().get("/api/messages/" + assistant).then().statusCode(200)
                .body("citations.document_id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(doc.toString())))
                .body("citations.snippet", org.hamcrest.Matchers.hasItem(containsString("Bleed the")));
    }

    @Test
    void streamingSendsTheSourcesBeforeTheTokensAndAMessageMayOptOut() throws Exception {
        String word = "plk" + unique();
        Api.Login owner = Api.user("viewer");
        UUID doc = Knowledge.indexed(owner, "# Kiln firing " + word + "\n\nFire the " + word + " kiln slowly up to 600 degrees.", Map.of());
        UUID conversation = conversation(owner, null);
        String body = Api.json(owner.as()).accept("text/event-stream")
                .body(Map.of("role", "user", "content", "How hot is the " + word + " kiln?", "generate", true, "knowledge", true))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString();
        List<String> names = new ArrayList<>();
        JsonNode sources = null;
        JsonNode done = null;
        String name = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                names.add(name);
                JsonNode data = JSON.readTree(line.substring(5).trim());
                if ("sources".equals(name)) {
                    sources = data;
                }
                if ("done".equals(name)) {
                    done = data;
                }
            }
        }
        assertEquals("start", names.get(0));
        assertEquals("sources", names.get(1));
        assertTrue(names.indexOf("token") > 1 && names.get(names.size() - 1).equals("done"), names.toString());
        assertEquals(doc.toString(), sources.path("sources").path(0).path("document_id").asText());
        assertEquals(1, sources.path("sources").path(0).path("number").asInt());
        assertTrue(done.path("assistant_message").path("citations").size() > 0);

        // knowledge: false on a message overrides a conversation's default.
        Api.json(owner.as()).body(Map.of("use_knowledge", true)).patch("/api/conversations/" + conversation).then().statusCode(200)
                .body("use_knowledge", equalTo(true));
        Api.json(owner.as()).body(Map.of("role", "user", "content", "Plain question " + word, "generate", true, "knowledge", false))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201)
                .body("assistant_message.citations.size()", equalTo(0)).body("assistant_message.content", equalTo("Echo: Plain question " + word));
    }

    @Test
    void knowledgeNeedsGenerateAndBadValuesAreRefused() {
        Api.Login owner = Api.user("viewer");
        UUID conversation = conversation(owner, false);
        long before = Db.tx(() -> io.synapse.chat.Message.count("conversationId", conversation));
        assertProblem(Api.json(owner.as()).body(Map.of("role", "user", "content", "x", "knowledge", true))
                .post("/api/conversations/" + conversation + "/messages"), 422).body("errors[0].field", equalTo("knowledge"));
        assertProblem(Api.json(owner.as()).body(Map.of("role", "user", "content", "x", "generate", true, "knowledge", "yes"))
                .post("/api/conversations/" + conversation + "/messages"), 400);
        assertProblem(Api.json(owner.as()).body(Map.of("use_knowledge", "sometimes")).patch("/api/conversations/" + conversation), 400);
        assertProblem(Api.json(owner.as()).body(Map.of("title", "t", "use_knowledge", 1)).post("/api/conversations"), 400);
        assertEquals(before, Db.tx(() -> io.synapse.chat.Message.count("conversationId", conversation)));
        // Another user's conversation is not found, knowledge or not.
        assertProblem(Api.json(Api.user("viewer").as()).body(Map.of("role", "user", "content", "x", "generate", true, "knowledge", true))
                .post("/api/conversations/" + conversation + "/messages"), 404);
    }

    @Test
    void anEmbeddingEndpointFailureIsRetriedNotLostAndSearchFallsBackToKeywords() {
        Api.Login owner = Api.user("viewer");
        String word = "mnb" + unique();
        UUID id = Knowledge.uploadText(owner, "Embedding this fails [emb500] " + word, Map.of());
        long deadline = System.nanoTime() + 30_000_000_000L;
        Response doc;
        do {
            doc = owner.as().get("/api/knowledge/documents/" + id);
        } while (doc.path("status_reason") == null && System.nanoTime() < deadline);
        doc.then().body("status", equalTo("pending")).body("status_reason", containsString("HTTP 500")).body("status_reason", containsString("retried"));
        // A question the endpoint refuses to embed still gets the keyword leg's answer, and says so.
        Knowledge.indexed(owner, "The " + word + " handbook is short.", Map.of());
        owner.as().queryParam("q", word + " [emb500]").get("/api/knowledge/search").then().statusCode(200)
                .body("degraded", containsString("keyword results only")).body("hits.size()", equalTo(1));
        assertProblem(owner.as().queryParam("q", word + " [emb500]").queryParam("mode", "vector").get("/api/knowledge/search"), 503);
    }
}
