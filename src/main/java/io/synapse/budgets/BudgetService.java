package io.synapse.budgets;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.synapse.chat.provider.ChatTurn;
import io.synapse.chat.provider.ModelProvider;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Role;
import io.synapse.identity.ApiKey;
import io.synapse.identity.IssuedToken;
import io.synapse.identity.User;
import io.synapse.runs.Run;
import io.synapse.telemetry.AuditRecorder;

/**
 * Budgets: set by admins, read by everyone for themselves, and checked before every provider call.
 * <p>
 * Spending is read from runs, the one record of what was spent: a run counts its real tokens and
 * cost once known, and while it is pending or processing the estimate it reserved. The check and the
 * new run's reservation happen in one transaction under a per-user advisory lock, so of two
 * concurrent requests the second sees the first's reservation: together they never pass a limit
 * except by what the provider spends beyond an estimate. The database and not Redis holds this,
 * because runs are there (no second counter to drift or to lose on a Redis restart) and a provider
 * call takes seconds, next to which one locked sum over an index is nothing.
 */
@ApplicationScoped
public class BudgetService {

    public static final long MAX_TOKENS = 1_000_000_000_000L;
    public static final String MAX_COST = "99999999.999999";

    /**
     * What the owner's runs count since the period began, from the per-day sums the database keeps
     * beside runs in the same transactions (V14__run_spend_daily.sql): real figures once known;
     * without them the reservation, while the run may still spend and after it ended without figures
     * (a stream cancelled or cut off, a timeout, a reply without usage), because the provider may well
     * have charged. Only a provider that refused or could not be reached (an HTTP error, no
     * connection) is known not to have charged. At most 31 rows, whatever the number of runs.
     */
    private static final String SPENT = """
            SELECT coalesce(sum(tokens), 0), coalesce(sum(cost), 0)
            FROM run_spend_daily WHERE owner_kind = ?1 AND owner_id = ?2 AND day >= ?3""";

    @Inject
    EntityManager em;

    @Inject
    AuditRecorder audit;

    @Inject
    ModelProvider provider;

    @Inject
    BudgetConfig config;

    @Inject
    io.synapse.knowledge.KnowledgeConfig knowledge;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BudgetService.class);

    /** What a provider call was allowed to spend: stamped on its run, which makes it count until real figures replace it. */
    public record Reservation(int tokens, BigDecimal cost) {

        public void stamp(Run run, Actor actor) {
            run.apiKeyId = actor.apiKeyId();
            run.issuedTokenId = actor.issuedTokenId();
            run.tokensReserved = tokens;
            run.costReserved = cost;
        }
    }

    /**
     * The estimate of `calls` provider calls with these turns (the prompt at about four characters a
     * token, each reply at synapse.budgets.completion-tokens), reserved: call it before starting the
     * run, in the same transaction, and stamp the run with the result.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveFor(Actor actor, List<ChatTurn> turns, int calls) {
        long prompt = (long) BudgetEstimates.promptTokens(turns) * calls;
        long completion = (long) config.completionTokens() * calls;
        int tokens = (int) Math.min(Integer.MAX_VALUE, prompt + completion);
        BigDecimal cost = provider.cost((int) Math.min(Integer.MAX_VALUE, prompt), (int) Math.min(Integer.MAX_VALUE, completion));
        reserve(actor, tokens, cost);
        return new Reservation(tokens, cost);
    }

    /**
     * The same for a call whose tokens are known up front (embeddings): reserve them, then stamp the
     * run with the result, in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Reservation reserveTokens(Actor actor, int tokens, BigDecimal cost) {
        reserve(actor, tokens, cost);
        return new Reservation(tokens, cost);
    }

    /** The user's budgets, and those of their keys and issued tokens, go with them (ON DELETE CASCADE): each leaves its row. */
    void onUserDeleting(@jakarta.enterprise.event.Observes io.synapse.identity.UserDeleting event) {
        List<Budget> doomed = Budget.list("userId = ?1 or apiKeyId in (select k.id from ApiKey k where k.userId = ?1)"
                + " or issuedTokenId in (select t.jti from IssuedToken t where t.userId = ?1)", event.userId());
        for (Budget budget : doomed) {
            audit.event("budget.delete").resource("budget", budget.id).oldValues(BudgetView.of(budget)).meta("cause", "user.delete").record();
        }
    }

    @Transactional
    public BudgetView create(Actor actor, BudgetCreate request) {
        requireLimits(request.tokenLimit(), request.costLimit());
        Budget budget = new Budget();
        budget.scope = request.scope();
        budget.period = request.period();
        switch (request.scope()) {
            case ROLE -> {
                requireOnly("role", request.role() != null, request.userId() == null && request.apiKeyId() == null && request.issuedTokenId() == null);
                budget.role = request.role();
            }
            case USER -> {
                requireOnly("user_id", request.userId() != null, request.role() == null && request.apiKeyId() == null && request.issuedTokenId() == null);
                if (User.findById(request.userId()) == null) {
                    throw ProblemException.unprocessable("user_id", "no such user");
                }
                budget.userId = request.userId();
            }
            case API_KEY -> {
                requireOnly("api_key_id", request.apiKeyId() != null, request.role() == null && request.userId() == null && request.issuedTokenId() == null);
                if (ApiKey.findById(request.apiKeyId()) == null) {
                    throw ProblemException.unprocessable("api_key_id", "no such API key");
                }
                budget.apiKeyId = request.apiKeyId();
            }
            case ISSUED_TOKEN -> {
                requireOnly("issued_token_id", request.issuedTokenId() != null,
                        request.role() == null && request.userId() == null && request.apiKeyId() == null);
                IssuedToken token = IssuedToken.findById(request.issuedTokenId());
                if (token == null) {
                    throw ProblemException.unprocessable("issued_token_id", "no such issued token");
                }
                if (token.userId == null) {
                    throw ProblemException.unprocessable("issued_token_id", "is a service token: only a token acting for a user spends from a budget");
                }
                budget.issuedTokenId = request.issuedTokenId();
            }
        }
        if (Budget.count("scope = ?1 and period = ?2 and (role = ?3 or userId = ?4 or apiKeyId = ?5 or issuedTokenId = ?6)", budget.scope,
                budget.period, budget.role, budget.userId, budget.apiKeyId, budget.issuedTokenId) > 0) {
            throw ProblemException.conflict("A " + budget.period.value() + " budget for this " + budget.scope.value()
                    + " exists already; change its limits with PUT /api/admin/budgets/{id}");
        }
        budget.tokenLimit = request.tokenLimit();
        budget.costLimit = request.costLimit();
        budget.updatedBy = actor.userId();
        budget.persist();
        BudgetView view = BudgetView.of(budget);
        audit.event("budget.create").resource("budget", budget.id).newValues(view).meta("warning", unpriced(budget)).record();
        return view;
    }

    @Transactional
    public BudgetView update(Actor actor, UUID id, BudgetLimits limits) {
        requireLimits(limits.tokenLimit(), limits.costLimit());
        Budget budget = find(id, true);
        BudgetView before = BudgetView.of(budget);
        budget.tokenLimit = limits.tokenLimit();
        budget.costLimit = limits.costLimit();
        budget.updatedBy = actor.userId();
        budget.persistAndFlush();
        BudgetView after = BudgetView.of(budget);
        audit.event("budget.update").resource("budget", id).oldValues(before).newValues(after).meta("warning", unpriced(budget)).record();
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        Budget budget = find(id, true);
        BudgetView before = BudgetView.of(budget);
        budget.delete();
        audit.event("budget.delete").resource("budget", id).oldValues(before).record();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public BudgetView get(UUID id) {
        return BudgetView.of(find(id, false));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<BudgetView> list(BudgetScope scope, UUID userId, UUID apiKeyId, UUID issuedTokenId, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("scope", scope).eq("userId", userId).eq("apiKeyId", apiKeyId)
                .eq("issuedTokenId", issuedTokenId)
                .after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(Budget.<Budget>find(query.hql(), query.params()), page), page.limit(),
                b -> Cursor.of(b.createdAt, b.id), BudgetView::of);
    }

    /** What applies to the caller now: per period the user's own budget or else their role's, and their key's. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BudgetStatus> status(Actor actor) {
        if (actor.userId() == null) {
            return List.of();
        }
        Instant now = Instant.now();
        List<BudgetStatus> statuses = new ArrayList<>();
        for (Budget budget : applicable(actor)) {
            statuses.add(status(budget, actor, now));
        }
        return statuses;
    }

    /**
     * Before a provider call, inside the transaction that creates its run: refuses with 429 when the
     * estimate does not fit a budget. The caller stores the estimate on the run (tokens_reserved,
     * cost_reserved) before the transaction commits, which is what makes it a reservation.
     */
    private void reserve(Actor actor, long tokens, BigDecimal cost) {
        if (actor.userId() == null) {
            return;
        }
        io.synapse.common.persistence.TransactionLock.acquire(em, "synapse.budget." + actor.userId());
        Instant now = Instant.now();
        List<BudgetStatus> exceeded = new ArrayList<>();
        for (Budget budget : applicable(actor)) {
            boolean tokensTooBig = budget.tokenLimit != null && tokens > budget.tokenLimit;
            boolean costTooBig = budget.costLimit != null && cost != null && cost.compareTo(budget.costLimit) > 0;
            if (tokensTooBig || costTooBig) {
                // Waiting would not help: the request alone is above the limit.
                throw ProblemException.unprocessable("budget", "this request may use up to " + (tokensTooBig ? tokens + " tokens" : cost.toPlainString())
                        + ", more than the whole " + label(budget) + " (" + (tokensTooBig ? budget.tokenLimit + " tokens" : budget.costLimit.toPlainString())
                        + "); ask an admin for a larger budget or send a shorter conversation");
            }
            BudgetStatus status = status(budget, actor, now);
            boolean tokensOver = budget.tokenLimit != null && status.tokensUsed() + tokens > budget.tokenLimit;
            boolean costOver = budget.costLimit != null && cost != null && status.costUsed().add(cost).compareTo(budget.costLimit) > 0;
            if (tokensOver || costOver) {
                exceeded.add(status);
            }
        }
        if (!exceeded.isEmpty()) {
            // Retry when every budget in the way has reset.
            BudgetStatus last = exceeded.stream().max(java.util.Comparator.comparing(BudgetStatus::resetsAt)).orElseThrow();
            BudgetStatus first = exceeded.get(0);
            String what = first.tokenLimit() != null && first.tokensUsed() + tokens > first.tokenLimit()
                    ? first.tokensUsed() + " of " + first.tokenLimit() + " tokens used, this request may use up to " + tokens
                    : first.costUsed().toPlainString() + " of " + first.costLimit().toPlainString() + " spent, this request up to " + cost.toPlainString();
            throw ProblemException.retryLater(new Problem(Problem.TYPE_BASE + "budget-exceeded", "Budget exceeded", 429,
                    "Your " + label(first) + " would be passed: " + what + "; retry after " + last.resetsAt(), null, exceeded),
                    Duration.between(now, last.resetsAt()).toSeconds());
        }
    }

    /**
     * A cost limit counts only priced calls: with no price configured it never binds. Said in the
     * log and the audit row rather than refused, since prices may come with the next deployment.
     */
    private String unpriced(Budget budget) {
        boolean priced = provider.cost(1000, 1000) != null || knowledge.embeddings().costPer1k().isPresent();
        if (budget.costLimit == null || priced) {
            return null;
        }
        String warning = "no provider prices are configured (SYNAPSE_CHAT_PROVIDER_PROMPT_COST_PER_1K, _COMPLETION_COST_PER_1K,"
                + " SYNAPSE_KNOWLEDGE_EMBEDDINGS_COST_PER_1K): this cost limit binds nothing until they are";
        LOG.warnf("Budget %s: %s", budget.id, warning);
        return warning;
    }

    private static String label(Budget budget) {
        return label(budget.period, budget.scope);
    }

    private static String label(BudgetStatus status) {
        return label(status.period(), status.scope());
    }

    private static String label(BudgetPeriod period, BudgetScope scope) {
        return (period == BudgetPeriod.DAY ? "daily" : "monthly") + " budget of your " + (scope == BudgetScope.API_KEY ? "API key"
                : scope == BudgetScope.ISSUED_TOKEN ? "issued token" : scope == BudgetScope.ROLE ? "role" : "account");
    }

    private List<Budget> applicable(Actor actor) {
        Role role = em.createQuery("select u.role from User u where u.id = ?1", Role.class).setParameter(1, actor.userId())
                .getResultStream().findFirst().orElse(null);
        if (role == null) {
            return List.of(); // the user went while this request was on its way: the credential check refuses the next one
        }
        List<Budget> found = Budget.list("(scope = ?1 and userId = ?2) or (scope = ?3 and role = ?4) or (scope = ?5 and apiKeyId = ?6)"
                + " or (scope = ?7 and issuedTokenId = ?8)", BudgetScope.USER, actor.userId(), BudgetScope.ROLE, role, BudgetScope.API_KEY,
                actor.apiKeyId(), BudgetScope.ISSUED_TOKEN, actor.issuedTokenId());
        List<Budget> applicable = new ArrayList<>();
        for (Budget b : found) {
            // A user's own budget replaces their role's for the same period.
            boolean replaced = b.scope == BudgetScope.ROLE
                    && found.stream().anyMatch(o -> o.scope == BudgetScope.USER && o.period == b.period);
            if (!replaced) {
                applicable.add(b);
            }
        }
        return applicable;
    }

    private BudgetStatus status(Budget budget, Actor actor, Instant now) {
        Instant start = budget.period.start(now);
        String kind = switch (budget.scope) {
            case API_KEY -> "k";
            case ISSUED_TOKEN -> "t";
            case ROLE, USER -> "u";
        };
        UUID owner = switch (budget.scope) {
            case API_KEY -> budget.apiKeyId;
            case ISSUED_TOKEN -> budget.issuedTokenId;
            case ROLE, USER -> actor.userId();
        };
        Object[] row = (Object[]) em.createNativeQuery(SPENT)
                .setParameter(1, kind).setParameter(2, owner).setParameter(3, LocalDate.ofInstant(start, ZoneOffset.UTC))
                .getSingleResult();
        return new BudgetStatus(budget.id, budget.scope, budget.period, budget.tokenLimit, ((Number) row[0]).longValue(), budget.costLimit,
                (BigDecimal) row[1], start, budget.period.end(now));
    }

    private static Budget find(UUID id, boolean forUpdate) {
        Budget budget = forUpdate ? Budget.findById(id, LockModeType.PESSIMISTIC_WRITE) : Budget.findById(id);
        if (budget == null) {
            throw ProblemException.notFound("budget", id);
        }
        return budget;
    }

    private static void requireLimits(Long tokens, BigDecimal cost) {
        if (tokens == null && cost == null) {
            throw ProblemException.unprocessable("token_limit", "set token_limit, cost_limit or both");
        }
    }

    private static void requireOnly(String field, boolean present, boolean othersAbsent) {
        if (!present) {
            throw ProblemException.unprocessable(field, "is required for this scope");
        }
        if (!othersAbsent) {
            throw ProblemException.unprocessable(field, "is the only target this scope takes: leave the others out");
        }
    }

}
