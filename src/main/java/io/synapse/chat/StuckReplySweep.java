package io.synapse.chat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.synapse.runs.Run;
import io.synapse.runs.RunService;
import io.synapse.runs.RunStatus;
import io.synapse.runs.RunUpdate;

/**
 * The server's own runs (replies, questions, paid embeddings) are processing only while a replica
 * waits for a provider, which never takes longer than its timeout. A run still processing a minute
 * after that lost its replica (killed, crashed, redeployed): this sweep fails it with a reason. Each run is claimed with
 * FOR UPDATE SKIP LOCKED, so any number of replicas may sweep at once and each run is failed once.
 * Runs that clients create and move themselves (POST /api/runs) are theirs to finish and never swept.
 */
@ApplicationScoped
public class StuckReplySweep {

    private static final Logger LOG = Logger.getLogger(StuckReplySweep.class);
    static final String TIMED_OUT = "timed_out";

    @Inject
    ChatConfig config;

    @Inject
    RunService runs;

    @Inject
    io.synapse.knowledge.KnowledgeConfig knowledge;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "synapse.datasources.query.statement-timeout", defaultValue = "30s")
    Duration statementTimeout;

    @Scheduled(identity = "stuck-reply-sweep", every = "${synapse.chat.stuck-sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** Fails the stuck reply runs (at most 100 per call); returns how many. */
    public int sweep() {
        // A reply is one provider call; a question to a database up to three, and its statement.
        Duration reply = config.provider().timeout().plusMinutes(1);
        Duration ask = config.provider().timeout().multipliedBy(3).plus(statementTimeout).plusMinutes(1);
        // A search's question is one embedding call.
        Duration query = knowledge.embeddings().timeout().plusMinutes(1);
        return sweep(AssistantReplies.AGENT_TYPE, reply, "No reply was stored within the provider timeout: the server handling it stopped")
                + sweep(RunService.ASK_AGENT_TYPE, ask, "No answer was stored within the provider timeout: the server handling it stopped")
                + sweep(RunService.QUERY_EMBEDDING_AGENT_TYPE, query, "The embedding call did not finish: the server handling it stopped")
                + sweep(RunService.DOCUMENT_EMBEDDING_AGENT_TYPE, null,
                        "The document's embedding did not finish: the indexing job that started it lost its lease");
    }

    /**
     * A document's chunks take as many calls as they take, each renewing the indexing job's lease: its
     * run is stuck once that job is over or its lease lapsed (the replica died), however long it ran.
     */
    private static final String STUCK_DOCUMENT_RUNS = """
            SELECT r.id FROM runs r LEFT JOIN documents d ON d.id = CAST(r.input ->> 'document_id' AS uuid)
            WHERE r.status = 'processing' AND r.agent_type = ?1
              AND (d.id IS NULL OR d.lease_token IS DISTINCT FROM CAST(r.input ->> 'lease_token' AS uuid) OR d.lease_until < now())
            ORDER BY r.started_at LIMIT 100 FOR UPDATE OF r SKIP LOCKED""";

    private static final String STUCK_RUNS = """
            SELECT id FROM runs WHERE status = 'processing' AND agent_type = ?1
              AND started_at < now() - ?2 * interval '1 millisecond'
            ORDER BY started_at LIMIT 100 FOR UPDATE SKIP LOCKED""";

    private int sweep(String agentType, Duration grace, String reason) {
        int failed = QuarkusTransaction.requiringNew().call(() -> {
            var select = grace == null ? Run.getEntityManager().createNativeQuery(STUCK_DOCUMENT_RUNS, UUID.class)
                    : Run.getEntityManager().createNativeQuery(STUCK_RUNS, UUID.class).setParameter(2, grace.toMillis());
            @SuppressWarnings("unchecked")
            List<UUID> stuck = select.setParameter(1, agentType).getResultList();
            for (UUID id : stuck) {
                // timed_out keeps the run's reservation counting: the provider may have charged for it.
                runs.apply(Run.findById(id), new RunUpdate(RunStatus.FAILED, null, TIMED_OUT, reason, null, null, null, null, null, null));
            }
            return stuck.size();
        });
        if (failed > 0) {
            LOG.warnf("Failed %d %s run(s) left processing past the provider timeout", failed, agentType);
        }
        return failed;
    }
}
