package io.synapse.knowledge;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;

@QuarkusTest
class KnowledgeSearchTest {

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> documentsFound(Api.Login who, String q, String mode, int k, String extra) {
        return who.as().queryParam("q", q).queryParam("k", k).queryParam("mode", mode).get("/api/knowledge/search" + (extra.isEmpty() ? "" : "?" + extra)).then().statusCode(200)
                .extract().path("hits.document_id");
    }

    /**
     * Retrieval quality on 50 short documents on distinct topics (40 English, 10 Portuguese) with
     * two paraphrased questions each: recall@5 of hybrid search against each leg alone, printed.
     * Also: another user's searches never see one chunk of these private documents.
     */
    @Test
    void hybridRecallBeatsEachLegAloneAndPrivateChunksStayPrivate() throws IOException {
        JsonNode corpus;
        try (InputStream in = getClass().getResourceAsStream("/knowledge/recall-corpus.json")) {
            corpus = new ObjectMapper().readTree(in);
        }
        Api.Login owner = Api.user("viewer");
        Map<String, UUID> ids = new HashMap<>();
        long start = System.nanoTime();
        for (JsonNode d : corpus.path("documents")) {
            ids.put(d.path("key").asText(), Knowledge.uploadText(owner, d.path("text").asText(), Map.of("title", d.path("title").asText())));
        }
        int chunks = 0;
        for (UUID id : ids.values()) {
            chunks += Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready")).extract().<Integer>path("chunk_count");
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Integer> found = new HashMap<>(Map.of("hybrid", 0, "keyword", 0, "vector", 0));
        int questions = 0;
        for (JsonNode q : corpus.path("questions")) {
            questions++;
            String expected = ids.get(q.path("document").asText()).toString();
            for (String mode : List.of("hybrid", "keyword", "vector")) {
                if (documentsFound(owner, q.path("question").asText(), mode, 5, "owner_id=me").contains(expected)) {
                    found.merge(mode, 1, Integer::sum);
                }
            }
        }
        double hybrid = found.get("hybrid") / (double) questions;
        double keyword = found.get("keyword") / (double) questions;
        double vector = found.get("vector") / (double) questions;
        System.out.printf("[knowledge] recall@5 over %d questions, %d documents, %d chunks: hybrid %.2f, keyword-only %.2f, vector-only %.2f;"
                + " %.1f s from the first upload to the last document ready%n", questions, ids.size(), chunks, hybrid, keyword, vector, seconds);
        assertTrue(hybrid >= 0.9, "hybrid recall@5 is " + hybrid);
        assertTrue(hybrid > keyword && hybrid > vector, "hybrid " + hybrid + " must beat keyword " + keyword + " and vector " + vector);

        Api.Login stranger = Api.user("viewer");
        int asked = 0;
        for (JsonNode q : corpus.path("questions")) {
            // Every question through both legs fused; the first 20 through each leg alone too.
            for (String mode : asked++ < 20 ? List.of("hybrid", "keyword", "vector") : List.of("hybrid")) {
                List<String> seen = documentsFound(stranger, q.path("question").asText(), mode, 50, "");
                for (UUID id : ids.values()) {
                    assertTrue(!seen.contains(id.toString()), "a stranger's search returned a private chunk");
                }
            }
        }
        List<String> adminSees = Api.asAdmin().queryParam("q", "sourdough starter hooch").get("/api/knowledge/search").then().statusCode(200)
                .extract().path("hits.document_id");
        assertTrue(ids.values().stream().noneMatch(id -> adminSees.contains(id.toString())), "admins manage documents; they do not search others' private ones");
        for (UUID id : ids.values()) {
            owner.as().delete("/api/knowledge/documents/" + id).then().statusCode(204);
        }
    }

    @Test
    void sharingDecidesWhoFindsWhatAndFiltersNarrowIt() {
        String word = "zyx" + unique();
        Api.Login manager = Api.user("manager");
        Api.Login rep = Api.user("rep");
        Api.Login viewer = Api.user("viewer");
        UUID mine = Knowledge.indexed(viewer, "# Notes\n\nThe " + word + " valve must be bled before winter.", Map.of("tags", "plumbing"));
        UUID forReps = Knowledge.indexed(manager, "# Reps\n\nThe " + word + " discount applies to orders over ten tons.",
                Map.of("visibility", "role", "shared_with_role", "rep"));
        UUID forAll = Knowledge.indexed(manager, "# Everyone\n\nThe " + word + " policy covers every office.", Map.of("visibility", "everyone"));
        UUID managersOwn = Knowledge.indexed(manager, "# Private\n\nThe " + word + " bonus pool is confidential.", Map.of());

        // Other tests' shared documents may come back from the vector leg too: only these four are judged.
        java.util.Set<String> ours = java.util.Set.of(mine.toString(), forReps.toString(), forAll.toString(), managersOwn.toString());
        java.util.function.Function<List<String>, java.util.Set<String>> judged = found -> found.stream().filter(ours::contains)
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(java.util.Set.of(mine.toString(), forAll.toString()), judged.apply(documentsFound(viewer, word, "hybrid", 50, "")));
        assertEquals(java.util.Set.of(forReps.toString(), forAll.toString()), new java.util.HashSet<>(documentsFound(rep, word, "keyword", 10, "")));
        assertEquals(java.util.Set.of(forReps.toString(), forAll.toString(), managersOwn.toString()),
                judged.apply(documentsFound(manager, word, "hybrid", 50, "")));
        assertEquals(List.of(mine.toString()), documentsFound(viewer, word, "hybrid", 10, "tag=plumbing"));
        assertEquals(List.of(mine.toString()), documentsFound(viewer, word, "hybrid", 10, "owner_id=me"));
        assertEquals(List.of(forAll.toString()), documentsFound(viewer, word, "keyword", 10, "document_id=" + forAll));
        assertEquals(List.of(), documentsFound(viewer, word, "hybrid", 10, "document_id=" + managersOwn));
        assertEquals(java.util.Set.of(forAll.toString()), judged.apply(documentsFound(viewer, word, "hybrid", 50, "visibility=everyone")));

        Response hit = viewer.as().queryParam("q", word + " valve").queryParam("k", 1).get("/api/knowledge/search");
        hit.then().statusCode(200).body("mode", equalTo("hybrid")).body("vector_store", equalTo("array"))
                .body("embedding_model", equalTo("all-minilm-l6-v2")).body("hits.size()", equalTo(1)).body("hits[0].document_id", equalTo(mine.toString()))
                .body("hits[0].document_title", equalTo("Notes")).body("hits[0].keyword_rank", equalTo(1)).body("hits[0].similarity", notNullValue())
                .body("hits[0].tags", equalTo(List.of("plumbing")));
        // Made private, a shared document leaves everyone else's results at once.
        Api.json(manager.as()).body(Map.of("visibility", "private")).patch("/api/knowledge/documents/" + forAll).then().statusCode(200);
        assertEquals(java.util.Set.of(mine.toString()), judged.apply(documentsFound(viewer, word, "hybrid", 50, "")));
        // Only stop words: no keyword hits, still an answer.
        viewer.as().queryParam("q", "the and of").get("/api/knowledge/search").then().statusCode(200).body("hits.document_id", everyItem(notNullValue()));
        Api.asAdmin().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'knowledge' }.data.vector_store", equalTo("array"));
    }

    @Test
    void badSearchesAreRefused() {
        Api.Login viewer = Api.user("viewer");
        List<String> bad = new ArrayList<>(List.of("", "q=", "q=%20", "q=a&k=0", "q=a&k=51", "q=a&k=x", "q=a&k=1.5", "q=a&mode=fuzzy", "q=a&document_id=1",
                "q=a&owner_id=x", "q=a&type=book", "q=a&visibility=public", "q=a&tag=" + "t".repeat(51), "q=a%00b", "q=" + "a".repeat(1001)));
        for (String query : bad) {
            try {
                assertProblem(viewer.as().urlEncodingEnabled(false).get("/api/knowledge/search" + (query.isEmpty() ? "" : "?" + query)), 400);
            } catch (AssertionError e) {
                throw new AssertionError("search?" + query + ": " + e.getMessage(), e);
            }
        }
        assertProblem(io.restassured.RestAssured.given().get("/api/knowledge/search?q=a"), 401);
    }
}
