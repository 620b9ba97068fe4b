package io.synapse.datasources.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.error.FieldError;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.web.QueryParams;
import io.synapse.datasources.ConnectionAccess;
import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.DatasourcesConfig;
import io.synapse.datasources.QueryService;
import io.synapse.datasources.analytics.QueryRecorder;
import io.synapse.datasources.guard.GuardedStatement;
import io.synapse.datasources.guard.SqlGuard;
import io.synapse.datasources.guard.SqlRefusals;
import io.synapse.datasources.guard.SqlRefused;
import io.synapse.telemetry.AuditRecorder;

/**
 * Query templates. Managers and admins write them (the SQL passes the guard when saved, and
 * every :name must be declared with a type); anyone who may use the connection runs the ones
 * they can see: their own, those shared with a role they hold, and, for admins, all. Values are
 * bound as the declared types, never spliced into the SQL.
 */
@ApplicationScoped
public class TemplateService {

    @Inject
    SqlGuard guard;

    @Inject
    QueryService queries;

    @Inject
    DatasourcesConfig config;

    @Inject
    AuditRecorder audit;

    @Transactional
    public TemplateView create(Actor actor, TemplateCreate request) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens cannot own query templates");
        }
        DatabaseConnection c = ConnectionAccess.visible(actor, request.connectionId());
        String name = request.name().trim();
        if (QueryTemplate.count("userId = ?1 and name = ?2", actor.userId(), name) > 0) {
            throw ProblemException.conflict("You already have a template named '" + name + "'");
        }
        List<TemplateParameter> parameters = request.parameters() == null ? List.of() : request.parameters();
        check(c, request.sqlTemplate(), parameters);
        QueryTemplate t = new QueryTemplate();
        t.userId = actor.userId();
        t.connectionId = c.id;
        t.name = name;
        t.description = request.description();
        t.questionTemplate = request.questionTemplate();
        t.sqlTemplate = request.sqlTemplate().trim();
        t.parameters = new ArrayList<>(parameters);
        t.category = request.category();
        t.sharedWithRole = request.sharedWithRole() == null ? null : request.sharedWithRole().value();
        t.isVerified = Boolean.TRUE.equals(request.isVerified());
        t.persist();
        TemplateView view = TemplateView.of(t);
        audit.event("query_template.create").resource("query_template", t.id).newValues(view).record();
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TemplateView> list(Actor actor, UUID connectionId, String category, String q, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("connectionId", connectionId).eq("category", category);
        if (!actor.isAdmin()) {
            UUID me = actor.userId() == null ? new UUID(0, 0) : actor.userId();
            List<String> roles = actor.roles().isEmpty() ? List.of("-") : new ArrayList<>(actor.roles());
            // Visible templates on connections the caller may use.
            query.where("(userId = :me or sharedWithRole in :roles) and connectionId in (select c.id from DatabaseConnection c "
                    + "where c.userId = :me or c.sharedWithRole in :roles)", "me", me);
            query.params().put("roles", roles);
        }
        if (q != null && !q.isBlank()) {
            query.where("lower(name) like :q escape '\\'", "q", QueryParams.containsPattern(q));
        }
        query.after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(QueryTemplate.<QueryTemplate>find(query.hql(), query.params()), page), page.limit(),
                t -> Cursor.of(t.createdAt, t.id), TemplateView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TemplateView get(Actor actor, UUID id) {
        return TemplateView.of(visible(actor, id));
    }

    @Transactional
    public TemplateView update(Actor actor, UUID id, TemplateUpdate update) {
        QueryTemplate t = manageable(actor, id);
        if (Boolean.TRUE.equals(update.unshare()) && update.sharedWithRole() != null) {
            throw ProblemException.unprocessable("unshare", "send either shared_with_role or unshare, not both");
        }
        TemplateView before = TemplateView.of(t);
        if (update.name() != null && !update.name().trim().equals(t.name)) {
            String name = update.name().trim();
            if (name.isEmpty()) {
                throw ProblemException.invalidField("name", "must not be blank");
            }
            if (QueryTemplate.count("userId = ?1 and name = ?2 and id <> ?3", t.userId, name, id) > 0) {
                throw ProblemException.conflict("The owner already has a template named '" + name + "'");
            }
            t.name = name;
        }
        if (update.sqlTemplate() != null || update.parameters() != null) {
            String sql = update.sqlTemplate() != null ? update.sqlTemplate().trim() : t.sqlTemplate;
            List<TemplateParameter> parameters = update.parameters() != null ? update.parameters() : t.parameters;
            check(DatabaseConnection.findById(t.connectionId), sql, parameters);
            t.sqlTemplate = sql;
            t.parameters = new ArrayList<>(parameters);
        }
        if (update.description() != null) {
            t.description = update.description().isBlank() ? null : update.description();
        }
        if (update.questionTemplate() != null) {
            t.questionTemplate = update.questionTemplate().isBlank() ? null : update.questionTemplate();
        }
        if (update.category() != null) {
            t.category = update.category().isBlank() ? null : update.category();
        }
        if (update.sharedWithRole() != null) {
            t.sharedWithRole = update.sharedWithRole().value();
        } else if (Boolean.TRUE.equals(update.unshare())) {
            t.sharedWithRole = null;
        }
        if (update.isVerified() != null) {
            t.isVerified = update.isVerified();
        }
        t.updatedAt = DatabaseConnection.now();
        TemplateView after = TemplateView.of(t);
        audit.event("query_template.update").resource("query_template", id).oldValues(before).newValues(after).record();
        return after;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        QueryTemplate t = manageable(actor, id);
        TemplateView before = TemplateView.of(t);
        t.delete();
        audit.event("query_template.delete").resource("query_template", id).oldValues(before).record();
    }

    /** Binds the values by type, runs the template on its connection and counts the use. */
    public QueryService.Prepared prepare(Actor actor, UUID id, TemplateRun run) {
        QueryTemplate t = QuarkusTransaction.requiringNew().call(() -> visible(actor, id));
        DatabaseConnection c = queries.queryable(actor, t.connectionId);
        Map<String, Object> values = bind(t.parameters, run == null ? null : run.params());
        int maxRows = run != null && run.limit() != null ? Math.min(run.limit(), config.query().maxRows()) : config.query().maxRows();
        QueryRecorder.Entry entry = new QueryRecorder.Entry(actor, c.id, "template", t.sqlTemplate).template(t.id);
        QueryService.Prepared prepared = queries.open(c, t.sqlTemplate, values, maxRows, entry, "sql_template");
        try {
            QuarkusTransaction.requiringNew().run(() -> QueryTemplate.update("usageCount = usageCount + 1, lastUsedAt = ?1 where id = ?2",
                    DatabaseConnection.now(), id));
        } catch (RuntimeException e) {
            // Our database failed after the user's answered: the statement must not keep its connection.
            prepared.query().close();
            throw e;
        }
        return prepared;
    }

    static Map<String, Object> bind(List<TemplateParameter> declared, Map<String, Object> given) {
        Map<String, Object> values = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (TemplateParameter p : declared) {
            known.add(p.name());
            boolean present = given != null && given.containsKey(p.name()) && given.get(p.name()) != null;
            Object raw = present ? given.get(p.name()) : p.defaultValue();
            if (raw == null) {
                if (p.isRequired()) {
                    errors.add(new FieldError("params." + p.name(), "is required"));
                } else {
                    values.put(p.name(), null);
                }
                continue;
            }
            try {
                values.put(p.name(), p.type().convert(raw));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("params." + p.name(), e.getMessage()));
            }
        }
        if (given != null) {
            given.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> errors.add(new FieldError("params." + k, "is not a parameter of this template")));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "unprocessable", "Unprocessable request", 422,
                    "The parameters do not fit the template", errors));
        }
        return values;
    }

    /** The SQL passes the guard, and its :names are exactly the declared parameters, each declared once, with defaults of the right type. */
    private void check(DatabaseConnection c, String sql, List<TemplateParameter> parameters) {
        GuardedStatement statement;
        try {
            statement = guard.check(sql, c.engine, config.query().maxRows(), c.allowedSchemas());
        } catch (SqlRefused refused) {
            throw SqlRefusals.problem(refused, "sql_template");
        }
        Set<String> declared = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            TemplateParameter p = parameters.get(i);
            if (!declared.add(p.name())) {
                errors.add(new FieldError("parameters[" + i + "].name", "is declared twice"));
            }
            if (p.defaultValue() != null) {
                try {
                    p.type().convert(p.defaultValue());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("parameters[" + i + "].default_value", e.getMessage()));
                }
            }
        }
        Set<String> used = new LinkedHashSet<>(statement.parameters());
        used.stream().filter(n -> !declared.contains(n)).forEach(n -> errors.add(new FieldError("sql_template", ":" + n + " is not declared in parameters")));
        declared.stream().filter(n -> !used.contains(n)).forEach(n -> errors.add(new FieldError("parameters", n + " is not used in sql_template")));
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "unprocessable", "Unprocessable request", 422,
                    "The template's SQL and parameters do not match", errors));
        }
    }

    static QueryTemplate visible(Actor actor, UUID id) {
        QueryTemplate t = QueryTemplate.findById(id);
        if (t == null || actor == null) {
            throw ProblemException.notFound("query_template", id);
        }
        boolean own = actor.userId() != null && actor.userId().equals(t.userId);
        boolean shared = t.sharedWithRole != null && actor.has(t.sharedWithRole);
        if (!own && !shared && !actor.isAdmin()) {
            throw ProblemException.notFound("query_template", id);
        }
        try {
            ConnectionAccess.visible(actor, t.connectionId);
        } catch (ProblemException e) {
            throw ProblemException.notFound("query_template", id);
        }
        return t;
    }

    private static QueryTemplate manageable(Actor actor, UUID id) {
        QueryTemplate t = visible(actor, id);
        // Held until commit: a concurrent run's usage_count increment is not written over.
        QueryTemplate.getEntityManager().lock(t, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        QueryTemplate.getEntityManager().refresh(t);
        if (!actor.isAdmin() && !t.userId.equals(actor.userId())) {
            throw ProblemException.forbidden("Only the owner of template " + id + " or an admin may change it");
        }
        return t;
    }
}
