package io.synapse.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.chat.ChatLinks;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Ownership;
import io.synapse.common.security.Roles;
import io.synapse.identity.User;
import io.synapse.telemetry.AuditRecorder;

@ApplicationScoped
public class RunService {

    @Inject
    AuditRecorder audit;

    /** Filters of GET /api/runs; userId is honoured for managers and admins only. */
    public record Filter(RunStatus status, String agentType, String model, UUID conversationId, UUID userId, Instant from, Instant to) {
    }

    /**
     * The agent type of the runs the backend itself starts for generated replies. Clients may not use
     * it: the stuck-run sweep fails such runs when they stay processing, which it must never do to a
     * client's own run.
     */
    public static final String REPLY_AGENT_TYPE = "chat_reply";
    /** Questions asked of a registered database (datasources' ask). */
    public static final String ASK_AGENT_TYPE = "datasource_ask";
    /** A search's question embedded by a paid endpoint. */
    public static final String QUERY_EMBEDDING_AGENT_TYPE = "query_embedding";
    /** A document's chunks embedded by a paid endpoint, charged to its owner. */
    public static final String DOCUMENT_EMBEDDING_AGENT_TYPE = "document_embedding";
    static final java.util.Set<String> SERVER_AGENT_TYPES = java.util.Set.of(REPLY_AGENT_TYPE, ASK_AGENT_TYPE, QUERY_EMBEDDING_AGENT_TYPE,
            DOCUMENT_EMBEDDING_AGENT_TYPE);

    @Transactional
    public RunView create(Actor actor, RunCreate request) {
        UUID userId = requireUser(actor);
        if (request.agentType() != null && SERVER_AGENT_TYPES.contains(request.agentType())) {
            throw ProblemException.unprocessable("agent_type", "'" + request.agentType() + "' is reserved for runs the server makes itself");
        }
        ChatLinks.requireOwned(actor, request.conversationId(), request.messageId());
        Run run = new Run();
        run.userId = userId;
        run.apiKeyId = actor.apiKeyId();
        run.issuedTokenId = actor.issuedTokenId();
        run.agentType = request.agentType();
        run.model = request.model();
        run.conversationId = request.conversationId();
        run.messageId = request.messageId();
        if (request.input() != null) {
            run.input = new HashMap<>(request.input());
        }
        if (request.metadata() != null) {
            run.metadata = new HashMap<>(request.metadata());
        }
        run.persist();
        RunView view = RunView.of(run);
        audit.event("run.create").resource("run", run.id).newValues(view).record();
        return view;
    }

    /** Owner or admin; managers read runs but do not drive them. */
    @Transactional
    public RunView update(Actor actor, UUID id, RunUpdate update) {
        Run found = Run.findForUpdate(id);
        Run run = Ownership.require(found, found == null ? null : found.userId, actor, "run", id, Roles.ADMIN);
        if (SERVER_AGENT_TYPES.contains(run.agentType)) {
            // Their figures are what budgets charge: only the server that made the provider call writes them.
            throw ProblemException.conflict("run " + id + " is a " + run.agentType + " run, which only the server updates");
        }
        return apply(run, update);
    }

    /**
     * Applies an update in the caller's transaction, enforcing the legal transitions. Completing
     * a run adds its tokens to the owner's token_usage, in the same transaction.
     */
    public RunView apply(Run run, RunUpdate update) {
        if (run.status.isTerminal()) {
            throw ProblemException.conflict("run " + run.id + " is " + run.status.value() + " and can no longer change");
        }
        RunView before = RunView.of(run);
        RunStatus target = update.status();
        if (target != null && !run.status.canBecome(target)) {
            throw ProblemException.conflict("a run cannot go from " + run.status.value() + " to " + target.value() + "; allowed: "
                    + run.status.next().stream().map(RunStatus::value).collect(Collectors.joining(", ")));
        }
        if (update.output() != null) {
            run.output = update.output();
        }
        if (update.errorCode() != null) {
            run.errorCode = update.errorCode();
        }
        if (update.errorMessage() != null) {
            run.errorMessage = update.errorMessage();
        }
        if (update.promptTokens() != null) {
            run.promptTokens = update.promptTokens();
        }
        if (update.completionTokens() != null) {
            run.completionTokens = update.completionTokens();
        }
        if (update.totalTokens() != null) {
            run.totalTokens = update.totalTokens();
        } else if (run.totalTokens == null && run.promptTokens != null && run.completionTokens != null) {
            run.totalTokens = run.promptTokens + run.completionTokens;
        }
        if (update.costEstimate() != null) {
            run.costEstimate = update.costEstimate();
        }
        if (update.latencyMs() != null) {
            run.latencyMs = update.latencyMs();
        }
        if (update.metadata() != null) {
            run.metadata = new HashMap<>(update.metadata());
        }
        if (target != null) {
            enter(run, target);
        }
        RunView after = RunView.of(run);
        audit.event(target == null ? "run.update" : "run." + target.value()).resource("run", run.id).oldValues(before).newValues(after).record();
        return after;
    }

    private static void enter(Run run, RunStatus target) {
        Instant now = Run.now();
        run.status = target;
        if (target == RunStatus.PROCESSING) {
            run.startedAt = now;
            return;
        }
        run.completedAt = now;
        if (run.latencyMs == null && run.startedAt != null) {
            run.latencyMs = (int) Math.min(Integer.MAX_VALUE, Duration.between(run.startedAt, now).toMillis());
        }
        if (target == RunStatus.COMPLETED && run.totalTokens != null && run.totalTokens > 0) {
            // One UPDATE, no read-modify-write: runs of one user completing together must not lose tokens.
            User.update("tokenUsage = tokenUsage + ?1 where id = ?2", (long) run.totalTokens, run.userId);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RunView get(Actor actor, UUID id) {
        Run found = Run.findById(id);
        return RunView.of(Ownership.require(found, found == null ? null : found.userId, actor, "run", id, Roles.MANAGER));
    }

    /** Own runs; managers and admins see everyone's and may filter by user_id. Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RunView> list(Actor actor, Filter filter, PageRequest page) {
        UUID owner = actor.has(Roles.MANAGER) ? filter.userId() : requireUser(actor);
        KeysetQuery query = KeysetQuery.create().eq("userId", owner).eq("status", filter.status()).eq("agentType", filter.agentType())
                .eq("model", filter.model()).eq("conversationId", filter.conversationId())
                .where("createdAt >= :from", "from", filter.from()).where("createdAt < :to", "to", filter.to())
                .after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(Run.<Run>find(query.hql(), query.params()), page), page.limit(), r -> Cursor.of(r.createdAt, r.id),
                RunView::of);
    }

    // ---- used by the chat module's generated replies -------------------------------------------

    /** A run that has already started: the backend itself is the agent. Joins the caller's transaction. */
    public Run startProcessing(UUID userId, UUID conversationId, UUID messageId, String agentType, String model, Map<String, Object> input) {
        Run run = new Run();
        run.userId = userId;
        run.conversationId = conversationId;
        run.messageId = messageId;
        run.agentType = agentType;
        run.model = model;
        run.input = new HashMap<>(input);
        run.persist();
        RunView created = RunView.of(run);
        audit.event("run.create").resource("run", run.id).newValues(created).record();
        apply(run, RunUpdate.status(RunStatus.PROCESSING));
        return run;
    }

    private static UUID requireUser(Actor actor) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens have no runs of their own; use a user's token or API key");
        }
        return actor.userId();
    }
}
