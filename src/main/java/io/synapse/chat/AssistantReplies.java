package io.synapse.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.chat.provider.ChatTurn;
import io.synapse.chat.provider.ModelProvider;
import io.synapse.chat.provider.ProviderFailure;
import io.synapse.chat.provider.ProviderReply;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.knowledge.grounding.Grounding;
import io.synapse.runs.Run;
import io.synapse.budgets.BudgetService;
import io.synapse.runs.RunService;
import io.synapse.runs.RunStatus;
import io.synapse.runs.RunUpdate;
import io.synapse.runs.RunView;

/**
 * Generated replies. Three short transactions around the provider call, never one long one: the
 * user message and a processing run are committed first; the provider is called with no
 * transaction or lock held; then the reply and the completed run commit together, or the run is
 * marked failed (provider error, timeout) or cancelled (the streaming client left). Every path
 * leaves message_count, the messages and the run consistent.
 */
@ApplicationScoped
public class AssistantReplies {

    private static final Logger LOG = Logger.getLogger(AssistantReplies.class);
    static final String AGENT_TYPE = RunService.REPLY_AGENT_TYPE;
    static final String CLIENT_DISCONNECTED = "client_disconnected";

    @Inject
    ModelProvider provider;

    @Inject
    MessageService messages;

    @Inject
    RunService runs;

    @Inject
    ChatConfig config;

    @Inject
    Grounding grounding;

    @Inject
    BudgetService budgets;

    /** grounding is null for a reply that does not use the knowledge base. */
    private record Started(Message userMessage, UUID runId, List<ChatTurn> turns, long startNanos, Grounding.Context grounding) {
    }

    public ExchangeView generate(Actor actor, UUID conversationId, MessageCreate request) {
        Started started = start(actor, conversationId, request);
        ProviderReply reply;
        try {
            reply = provider.complete(started.turns());
        } catch (ProviderFailure failure) {
            fail(started, failure);
            throw failure.toProblem(started.runId());
        }
        return finish(actor, conversationId, started, reply);
    }

    /** A streamed reply whose provider has answered 200 and whose body is still to come. */
    public final class Streaming {
        private final Actor actor;
        private final UUID conversationId;
        private final Started started;
        private final ModelProvider.ProviderResponse response;

        private Streaming(Actor actor, UUID conversationId, Started started, ModelProvider.ProviderResponse response) {
            this.actor = actor;
            this.conversationId = conversationId;
            this.started = started;
            this.response = response;
        }

        /**
         * Sends "start" (the stored user message and run id), "token"... and "done" (the stored
         * exchange), or "error" (a problem) when the provider fails mid-stream. Blocks until the
         * reply is complete, failed or abandoned by the client.
         */
        public void relay(ReplyStream out) {
            try (response) {
                out.send("start", startEvent(started));
                if (started.grounding() != null) {
                    // Sources before tokens: a client can show what the answer draws on while it arrives.
                    out.send("sources", Map.of("sources", sourcesEvent(started.grounding())));
                }
                ProviderReply reply = response.read(delta -> out.send("token", Map.of("delta", delta)));
                if (reply.cancelled()) {
                    cancel(started, reply);
                    return;
                }
                out.send("done", finish(actor, conversationId, started, reply));
            } catch (ProviderFailure failure) {
                fail(started, failure);
                out.send("error", failure.toProblem(started.runId()).problem());
            } catch (ProblemException problem) {
                out.send("error", problem.problem());
            } catch (RuntimeException e) {
                // Every stream ends with "done" or "error", whatever went wrong.
                LOG.errorf(e, "Streamed reply of run %s failed", started.runId());
                failQuietly(started, "stream_failed", "The reply could not be completed", new ProviderReply("", null, null, null, null, null, false), latency(started));
                out.send("error", Problem.of(500, "internal", "Internal error",
                        "The reply could not be completed; quote the X-Request-Id header when reporting it"));
            } finally {
                out.close();
            }
        }
    }

    /**
     * Stores the question, starts the run and waits for the provider's status: every failure up
     * to here is an ordinary problem response, because nothing has been streamed yet.
     */
    public Streaming openStream(Actor actor, UUID conversationId, MessageCreate request) {
        Started started = start(actor, conversationId, request);
        try {
            return new Streaming(actor, conversationId, started, provider.open(started.turns(), true));
        } catch (ProviderFailure failure) {
            fail(started, failure);
            throw failure.toProblem(started.runId());
        }
    }

    private Started start(Actor actor, UUID conversationId, MessageCreate request) {
        MessageRules.check(request);
        if (!provider.configured()) {
            // Unknown or foreign conversations still answer 404: the 503 is only for a request that would otherwise work.
            QuarkusTransaction.requiringNew().run(() -> ChatAccess.writable(actor, conversationId, false));
            throw ProblemException.serviceUnavailable(
                    "No model provider is configured: set SYNAPSE_CHAT_PROVIDER_BASE_URL (and _API_KEY, _MODEL) to generate replies");
        }
        long startNanos = System.nanoTime();
        // Retrieval embeds the question: done before the transaction, so no connection waits on the model.
        Grounding.Context context = usesKnowledge(actor, conversationId, request) ? grounding.retrieve(actor, request.content()) : null;
        return QuarkusTransaction.requiringNew().call(() -> {
            Message user = messages.appendRow(actor, conversationId, request);
            List<ChatTurn> turns = history(conversationId, user.sequenceNumber);
            if (context != null && context.systemTurn() != null) {
                turns.add(turns.size() - 1, new ChatTurn("system", context.systemTurn()));
            }
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("user_message_id", user.id.toString());
            input.put("context_messages", turns.size());
            if (context != null) {
                Map<String, Object> knowledge = new LinkedHashMap<>();
                knowledge.put("retrieval_ms", context.retrievalMs());
                knowledge.put("chunk_ids", context.chunkIds());
                knowledge.put("context_tokens", context.contextTokens());
                if (context.degraded() != null) {
                    knowledge.put("degraded", context.degraded());
                }
                input.put("knowledge", knowledge);
            }
            // Refused here (429) when the estimate does not fit a budget: the question is rolled back with the run.
            BudgetService.Reservation reservation = budgets.reserveFor(actor, turns, 1);
            Run run = runs.startProcessing(actor.userId(), conversationId, user.id, AGENT_TYPE, provider.model(), input);
            reservation.stamp(run, actor);
            return new Started(user, run.id, turns, startNanos, context);
        });
    }

    private ExchangeView finish(Actor actor, UUID conversationId, Started started, ProviderReply reply) {
        int latency = latency(started);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String model = abbreviate(reply.model() != null ? reply.model() : provider.model(), 100);
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("run_id", started.runId().toString());
                if (reply.finishReason() != null) {
                    metadata.put("finish_reason", reply.finishReason());
                }
                Integer total = reply.totalTokens() != null ? reply.totalTokens() : sum(reply.promptTokens(), reply.completionTokens());
                Message assistant = messages.appendRow(actor, conversationId,
                        MessageCreate.assistant(reply.content(), model, total, latency, metadata));
                int cited = started.grounding() == null ? 0 : storeCitations(assistant, started.grounding());
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("assistant_message_id", assistant.id.toString());
                output.put("finish_reason", reply.finishReason());
                if (started.grounding() != null) {
                    output.put("citations", cited);
                }
                RunView run = runs.apply(Run.findForUpdate(started.runId()), new RunUpdate(RunStatus.COMPLETED, output, null, null,
                        reply.promptTokens(), reply.completionTokens(), total, cost(reply), latency, null));
                Map<UUID, MessageView> views = MessageService.views(List.of(started.userMessage(), assistant), actor.userId());
                return new ExchangeView(views.get(started.userMessage().id), views.get(assistant.id), run);
            });
        } catch (ProblemException e) {
            // The conversation was archived or deleted while the model was answering.
            failQuietly(started, "conversation_unavailable", e.getMessage(), reply, latency);
            throw e;
        } catch (RuntimeException e) {
            // Anything else (a reply the database refused, the database itself gone): the run must not stay processing.
            LOG.errorf(e, "Could not store the reply of run %s", started.runId());
            failQuietly(started, "reply_not_stored", "The model's reply could not be stored", reply, latency);
            throw ProblemException.badGateway("The model answered, but its reply could not be stored; run " + started.runId() + " is marked failed");
        }
    }

    /** Best effort: when even this fails (database down), the stuck-run sweep fails the run later. */
    private void failQuietly(Started started, String code, String message, ProviderReply reply, int latency) {
        try {
            QuarkusTransaction.requiringNew().run(() -> runs.apply(Run.findForUpdate(started.runId()),
                    new RunUpdate(RunStatus.FAILED, null, code, message, reply.promptTokens(), reply.completionTokens(), reply.totalTokens(),
                            cost(reply), latency, null)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not mark run %s failed; the stuck-run sweep will", started.runId());
        }
    }

    /** Best effort, like failQuietly: the provider's failure is what the caller must hear about, even with the database gone. */
    private void fail(Started started, ProviderFailure failure) {
        LOG.warnf("Model provider failure for run %s: %s %s", started.runId(), failure.code(), failure.getMessage());
        try {
            QuarkusTransaction.requiringNew().run(() -> runs.apply(Run.findForUpdate(started.runId()),
                    new RunUpdate(RunStatus.FAILED, null, failure.code(), failure.getMessage(), null, null, null, null, latency(started), null)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not mark run %s failed; the stuck-run sweep will", started.runId());
        }
    }

    /** The client left mid-stream: the reply is not stored, the run says how far it got. */
    private void cancel(Started started, ProviderReply partial) {
        QuarkusTransaction.requiringNew().run(() -> runs.apply(Run.findForUpdate(started.runId()),
                new RunUpdate(RunStatus.CANCELLED, Map.of("partial_content_length", partial.content().length()), CLIENT_DISCONNECTED,
                        "The client disconnected before the reply was complete", null, null, null, null, latency(started), null)));
    }

    /** The latest messages up to and including the new one, oldest first, after the optional system prompt. */
    private List<ChatTurn> history(UUID conversationId, int lastSequence) {
        List<Message> recent = Message.find("conversationId = ?1 and sequenceNumber <= ?2 order by sequenceNumber desc", conversationId,
                lastSequence).range(0, Math.max(1, config.provider().historyMessages()) - 1).list();
        List<ChatTurn> turns = new ArrayList<>();
        config.provider().systemPrompt().filter(p -> !p.isBlank()).ifPresent(p -> turns.add(new ChatTurn("system", p)));
        List<Message> ordered = new ArrayList<>(recent);
        Collections.reverse(ordered);
        for (Message m : ordered) {
            // Tool output without its call id is not a valid "tool" turn for OpenAI; pass it as context.
            turns.add(m.role == MessageRole.TOOL ? new ChatTurn("system", "Tool output:\n" + m.content) : new ChatTurn(m.role.value(), m.content));
        }
        return turns;
    }

    /** The request's knowledge flag, else the conversation's default (read with the same access rule as the append). */
    private static boolean usesKnowledge(Actor actor, UUID conversationId, MessageCreate request) {
        if (request.knowledge() != null) {
            return request.knowledge();
        }
        return QuarkusTransaction.requiringNew().call(() -> ChatAccess.writable(actor, conversationId, false).useKnowledge);
    }

    /** One citation per [n] marker of the reply, pointing at the chunk sent as source n, quoting its text. */
    private static int storeCitations(Message assistant, Grounding.Context context) {
        List<Grounding.CitedSpan> spans = Grounding.cite(assistant.content, context.sources());
        // A chunk deleted (its document deleted or re-indexed) while the model answered is cited by its
        // quoted text alone; the ones still there are locked against deletion until this commits.
        java.util.Set<Long> present = spans.isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(Citation.getEntityManager()
                .createNativeQuery("SELECT id FROM document_chunks WHERE id IN (:ids) FOR KEY SHARE", Long.class)
                .setParameter("ids", spans.stream().map(s -> s.source().chunkId()).distinct().toList()).getResultList());
        for (Grounding.CitedSpan span : spans) {
            Grounding.Source source = span.source();
            Citation c = new Citation();
            c.messageId = assistant.id;
            c.sourceIndex = source.number();
            c.inlineNumber = source.number();
            c.sourceName = abbreviate(source.title(), 500);
            c.sourceUri = source.sourceUri() != null ? source.sourceUri() : "/api/knowledge/documents/" + source.documentId() + "/chunks";
            c.pageNumber = source.pageNumber();
            c.snippet = source.text();
            c.confidence = source.similarity() == null || !Double.isFinite(source.similarity()) ? null : Math.max(0, Math.min(1, source.similarity()));
            c.textStartIndex = span.start();
            c.textEndIndex = span.end();
            boolean linked = present.contains(source.chunkId());
            c.documentId = linked ? source.documentId() : null;
            c.chunkId = linked ? source.chunkId() : null;
            c.persist();
        }
        return spans.size();
    }

    private static List<Map<String, Object>> sourcesEvent(Grounding.Context context) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Grounding.Source s : context.sources()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", s.number());
            item.put("document_id", s.documentId());
            item.put("chunk_id", s.chunkId());
            item.put("title", s.title());
            item.put("source_uri", s.sourceUri());
            item.put("page_number", s.pageNumber());
            item.put("snippet", s.text());
            sources.add(item);
        }
        return sources;
    }

    private Map<String, Object> startEvent(Started started) {
        Map<UUID, MessageView> views = QuarkusTransaction.joiningExisting().call(() -> MessageService.views(List.of(started.userMessage()), null));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("user_message", views.get(started.userMessage().id));
        event.put("run_id", started.runId());
        return event;
    }

    private BigDecimal cost(ProviderReply reply) {
        return provider.cost(reply.promptTokens(), reply.completionTokens());
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null || b == null ? null : a + b;
    }

    private static int latency(Started started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started.startNanos()) / 1_000_000);
    }

    private static String abbreviate(String value, int max) {
        return value.codePointCount(0, value.length()) <= max ? value : value.substring(0, value.offsetByCodePoints(0, max));
    }
}
