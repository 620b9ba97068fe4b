package io.synapse.knowledge.embedding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.budgets.BudgetEstimates;
import io.synapse.budgets.BudgetService;
import io.synapse.common.security.Actor;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.runs.Run;
import io.synapse.runs.RunService;
import io.synapse.runs.RunStatus;
import io.synapse.runs.RunUpdate;

/**
 * Embeddings by a paid endpoint, as budgets see them (README: Budgets). Before the call its tokens
 * (about four characters each) are reserved against the caller's budgets (429 or 422 when they do
 * not fit) on a run started for it; after the call the run gets the endpoint's own count, priced
 * with synapse.knowledge.embeddings.cost-per-1k. The in-process model costs nothing: no check, no run.
 */
@ApplicationScoped
public class EmbeddingSpend {

    private static final Logger LOG = Logger.getLogger(EmbeddingSpend.class);

    @Inject
    Embeddings embeddings;

    @Inject
    KnowledgeConfig config;

    @Inject
    BudgetService budgets;

    @Inject
    RunService runs;

    @FunctionalInterface
    private interface Call {
        Embedder.Batch run() throws EmbeddingFailure;
    }

    /** A search's question, charged to whoever searches. */
    public float[] embedQuery(Actor actor, String text) throws EmbeddingFailure {
        return charged(actor, RunService.QUERY_EMBEDDING_AGENT_TYPE, List.of(text), Map.of("texts", 1), () -> embeddings.embedOneCounted(text))
                .vectors().get(0);
    }

    /**
     * A document's chunks, charged to its owner (the indexer has no caller), within the budgets of
     * the owner's key or issued token that queued the indexing, if any.
     */
    public List<float[]> embedDocument(UUID ownerId, UUID apiKeyId, UUID issuedTokenId, UUID documentId, UUID leaseToken, List<String> texts,
            Runnable progress) throws EmbeddingFailure {
        Actor owner = new Actor(ownerId, ownerId.toString(), null, apiKeyId, null, null, issuedTokenId, java.util.Set.of());
        return charged(owner, RunService.DOCUMENT_EMBEDDING_AGENT_TYPE, texts, Map.of("document_id", documentId.toString(), "lease_token", leaseToken.toString(),
                "texts", texts.size()),
                () -> embeddings.embedAllCounted(texts, progress)).vectors();
    }

    private Embedder.Batch charged(Actor actor, String agentType, List<String> texts, Map<String, Object> input, Call call) throws EmbeddingFailure {
        if (!embeddings.paid() || actor == null || actor.userId() == null || texts.isEmpty()) {
            return call.run();
        }
        int estimate = BudgetEstimates.textTokens(texts);
        long start = System.nanoTime();
        UUID runId = QuarkusTransaction.requiringNew().call(() -> {
            // Refused here (429, 422) before the endpoint is called; nothing is stored then.
            BudgetService.Reservation reservation = budgets.reserveTokens(actor, estimate, price(estimate));
            Run run = runs.startProcessing(actor.userId(), null, null, agentType, embeddings.model(), input);
            reservation.stamp(run, actor);
            return run.id;
        });
        Embedder.Batch batch;
        try {
            batch = call.run();
        } catch (EmbeddingFailure failure) {
            Integer spent = failure.tokensSpent();
            finish(runId, new RunUpdate(RunStatus.FAILED, null, failure.code(), failure.getMessage(), spent, spent == null ? null : 0, spent,
                    spent == null ? null : price(spent), latency(start), null));
            throw failure;
        } catch (RuntimeException failure) {
            // The indexer's lease was lost midway, say: the endpoint may have charged, so the reservation stands.
            finish(runId, new RunUpdate(RunStatus.FAILED, null, "embedding_interrupted", failure.getClass().getSimpleName(), null, null, null,
                    null, latency(start), null));
            throw failure;
        }
        int tokens = batch.tokens() != null ? batch.tokens() : estimate;
        finish(runId, new RunUpdate(RunStatus.COMPLETED, Map.of("vectors", batch.vectors().size(), "tokens_counted_by", batch.tokens() != null
                ? "endpoint" : "estimate"), null, null, tokens, 0, tokens, price(tokens), latency(start), null));
        return batch;
    }

    private void finish(UUID runId, RunUpdate update) {
        try {
            QuarkusTransaction.requiringNew().run(() -> runs.apply(Run.findForUpdate(runId), update));
        } catch (RuntimeException e) {
            // The vectors are good; the run keeps its reservation, which is what the budget counts meanwhile.
            LOG.errorf(e, "Could not record embedding run %s", runId);
        }
    }


    private BigDecimal price(int tokens) {
        return config.embeddings().costPer1k()
                .map(per1k -> per1k.multiply(BigDecimal.valueOf(tokens)).divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_UP))
                .orElse(null);
    }

    private static int latency(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }
}
