package io.synapse.knowledge;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.chat.FakeModelProviderLog;
import io.synapse.chat.ModelProviderProfile;
import io.synapse.chat.StuckReplySweep;
import io.synapse.knowledge.embedding.EmbeddingFailure;
import io.synapse.knowledge.embedding.EmbeddingSpend;
import io.synapse.runs.Run;
import io.synapse.runs.RunService;
import io.synapse.runs.RunStatus;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Embeddings by a paid endpoint (the fake provider's /embeddings, priced at 0.02 per 1,000 tokens)
 * are budgeted like replies: checked before the call, charged from the endpoint's own count.
 */
@QuarkusTest
@TestProfile(ModelProviderProfile.class)
class PaidEmbeddingBudgetTest {

    /** The fake endpoint counts the words longer than two characters. */
    private static int fakeTokens(String text) {
        int n = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                n++;
            }
        }
        return n;
    }

    private static Run latest(UUID userId, String agentType) {
        return Db.tx(() -> Run.<Run>find("userId = ?1 and agentType = ?2 order by createdAt desc", userId, agentType).firstResult());
    }

    private static long spentToday(UUID userId) {
        return Db.tx(() -> ((Number) Run.getEntityManager().createNativeQuery(
                "SELECT coalesce(sum(coalesce(total_tokens, tokens_reserved, 0)), 0) FROM runs WHERE user_id = ?1"
                        + " AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")
                .setParameter(1, userId).getSingleResult()).longValue());
    }

    @Test
    void searchesAndIndexingThroughAPaidEndpointAreCheckedFirstAndChargedFromItsCount() {
        Api.Login owner = Api.user("viewer");
        String word = "pqz" + UUID.randomUUID().toString().substring(0, 8);
        String text = "The " + word + " manual explains every valve.";
        Knowledge.indexed(owner, text, Map.of());
        Run indexing = latest(owner.id(), "document_embedding");
        assertNotNull(indexing, "indexing through a paid endpoint leaves a run, charged to the owner");
        assertEquals(RunStatus.COMPLETED, indexing.status);
        assertTrue(indexing.tokensReserved > 0);
        assertEquals(indexing.totalTokens, indexing.promptTokens);
        assertEquals(BigDecimal.valueOf(indexing.totalTokens).multiply(new BigDecimal("0.02")).divide(BigDecimal.valueOf(1000), 6,
                RoundingMode.HALF_UP), indexing.costEstimate);

        String question = word + " valves";
        owner.as().queryParam("q", question).queryParam("mode", "vector").get("/api/knowledge/search").then().statusCode(200)
                .body("hits.size()", equalTo(1));
        Run query = latest(owner.id(), "query_embedding");
        assertEquals(RunStatus.COMPLETED, query.status);
        assertEquals(fakeTokens(question), query.totalTokens, "the endpoint's own count, not the estimate");
        assertEquals("endpoint", ((Map<?, ?>) query.output).get("tokens_counted_by"));

        // One token left today: the next search is refused before the endpoint is called, and leaves no run.
        long spent = spentToday(owner.id());
        Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", owner.id(), "period", "day", "token_limit", spent + 1))
                .post("/api/admin/budgets").then().statusCode(201);
        long calls = FakeModelProviderLog.embeddingCallsContaining(word);
        long runs = Db.tx(() -> Run.count("userId", owner.id()));
        Response refused = owner.as().queryParam("q", question + " again").queryParam("mode", "hybrid").get("/api/knowledge/search");
        assertProblem(refused, 429);
        refused.then().body("type", containsString("budget-exceeded")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(calls, FakeModelProviderLog.embeddingCallsContaining(word));
        assertEquals(runs, Db.tx(() -> Run.count("userId", owner.id())));
        // Keyword search calls no endpoint and still works.
        owner.as().queryParam("q", word).queryParam("mode", "keyword").get("/api/knowledge/search").then().statusCode(200);

        // A new document of the owner is not embedded either: it fails, saying why, and nothing was sent.
        UUID blocked = Knowledge.uploadText(owner, "Another " + word + " text about pumps.", Map.of());
        Knowledge.awaitIndexed(owner, blocked).then().body("status", equalTo("failed")).body("status_reason", containsString("budget"));
        assertEquals(calls, FakeModelProviderLog.embeddingCallsContaining(word));
        owner.as().get("/api/me/budget").then().statusCode(200).body("[0].tokens_used", equalTo((int) spent));
    }

    @Inject
    StuckReplySweep sweep;

    @Inject
    RunService runService;

    @Inject
    EmbeddingSpend spend;

    private static long budgetUsed(Api.Login user) {
        return ((Number) user.as().get("/api/me/budget").then().statusCode(200).extract().path("[0].tokens_used")).longValue();
    }

    private static void dayBudget(Api.Login user, long tokens) {
        Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", tokens))
                .post("/api/admin/budgets").then().statusCode(201);
    }

    @Test
    void embeddingRunsLeftProcessingByADeadReplicaAreFailedAndTheirReservationsStillCount() {
        Api.Login user = Api.user("viewer");
        dayBudget(user, 100_000);
        UUID query = Db.tx(() -> {
            Run run = runService.startProcessing(user.id(), null, null, RunService.QUERY_EMBEDDING_AGENT_TYPE, "fake-embed-1536", Map.of());
            run.tokensReserved = 40;
            return run.id;
        });
        // a document run whose indexing job is gone (here: its document is), however recent
        UUID document = Db.tx(() -> {
            Run run = runService.startProcessing(user.id(), null, null, RunService.DOCUMENT_EMBEDDING_AGENT_TYPE, "fake-embed-1536",
                    Map.of("document_id", UUID.randomUUID().toString(), "lease_token", UUID.randomUUID().toString()));
            run.tokensReserved = 60;
            return run.id;
        });
        Db.run(() -> Run.update("startedAt = ?1 where id = ?2", java.time.Instant.now().minusSeconds(600), query));
        assertTrue(sweep.sweep() >= 2);
        for (UUID id : java.util.List.of(query, document)) {
            Run failed = Db.tx(() -> Run.findById(id));
            assertEquals(RunStatus.FAILED, failed.status);
            assertEquals("timed_out", failed.errorCode);
        }
        assertEquals(100L, budgetUsed(user), "the endpoint may have charged: the reservations keep counting");
    }

    @Test
    void aCallThatFailsAfterOthersWentThroughChargesWhatWentThrough() {
        Api.Login user = Api.user("viewer");
        dayBudget(user, 100_000);
        EmbeddingFailure failure = org.junit.jupiter.api.Assertions.assertThrows(EmbeddingFailure.class,
                () -> spend.embedDocument(user.id(), null, null, UUID.randomUUID(), UUID.randomUUID(),
                        java.util.List.of("alpha beta gamma", "delta [emb500] epsilon"), () -> { }));
        assertEquals("provider_partial", failure.code());
        Run run = latest(user.id(), RunService.DOCUMENT_EMBEDDING_AGENT_TYPE);
        assertEquals(RunStatus.FAILED, run.status);
        assertEquals(3, run.totalTokens, "the first text's three words, as the endpoint counted them");
        assertEquals(3L, budgetUsed(user));
        // a refused first call cost nothing
        org.junit.jupiter.api.Assertions.assertThrows(EmbeddingFailure.class,
                () -> spend.embedDocument(user.id(), null, null, UUID.randomUUID(), UUID.randomUUID(), java.util.List.of("[emb500] zeta"), () -> { }));
        assertEquals(3L, budgetUsed(user));
    }

    @Test
    void aDocumentUploadedWithAKeyIsEmbeddedWithinTheKeysBudget() {
        Api.Login owner = Api.user("viewer");
        String key = Api.apiKey(owner, "viewer");
        String keyId = owner.as().get("/api/api-keys").then().extract().path("items[0].id");
        String word = "kbq" + UUID.randomUUID().toString().substring(0, 8);
        Response uploaded = io.restassured.RestAssured.given().header("X-API-Key", key).contentType("text/markdown")
                .body(("The " + word + " ledger.").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/knowledge/documents");
        uploaded.then().statusCode(202);
        UUID id = UUID.fromString(uploaded.path("id"));
        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready"));
        assertEquals(UUID.fromString(keyId), latest(owner.id(), RunService.DOCUMENT_EMBEDDING_AGENT_TYPE).apiKeyId);

        // with the key's day spent, the next document it uploads is not embedded; the owner's own login is not held back
        Api.json(Api.asAdmin()).body(Map.of("scope", "api_key", "api_key_id", keyId, "period", "day", "token_limit", 1))
                .post("/api/admin/budgets").then().statusCode(201);
        Response second = io.restassured.RestAssured.given().header("X-API-Key", key).contentType("text/markdown")
                .body(("Another " + word + " ledger.").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/knowledge/documents");
        Knowledge.awaitIndexed(owner, UUID.fromString(second.path("id"))).then().body("status", equalTo("failed"))
                .body("status_reason", containsString("API key"));
        Knowledge.indexed(owner, "A third " + word + " ledger.", Map.of());
    }
}
