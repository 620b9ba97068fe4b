package io.synapse.datasources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.web.QueryParams;
import io.synapse.datasources.exec.DatasourcePools;
import io.synapse.datasources.exec.QueryFailure;
import io.synapse.datasources.exec.QueryRunner;
import io.synapse.datasources.introspect.DatabaseSchema;
import io.synapse.datasources.introspect.Introspector;
import io.synapse.datasources.introspect.TableView;
import io.synapse.telemetry.AuditRecorder;

/**
 * Registered databases: create, read, change, delete, test and introspect. Network work (test,
 * introspect) runs with no transaction of ours open; its result is stored in a short one after.
 */
@ApplicationScoped
public class ConnectionService {

    @Inject
    SecretCipher cipher;

    @Inject
    TargetPolicy targets;

    @Inject
    DatasourcePools pools;

    @Inject
    QueryRunner runner;

    @Inject
    DatasourcesConfig config;

    @Inject
    AuditRecorder audit;

    @Transactional
    public ConnectionView create(Actor actor, ConnectionCreate request) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens cannot own database connections");
        }
        if (Boolean.TRUE.equals(request.allowWritableLogin()) && !actor.isAdmin()) {
            throw ProblemException.forbidden("Only admins may allow a login that can write");
        }
        String name = request.name().trim();
        int port = request.port() != null ? request.port() : request.engine().defaultPort();
        targets.check(request.host(), port, request.database().trim());
        if (DatabaseConnection.count("userId = ?1 and name = ?2", actor.userId(), name) > 0) {
            throw ProblemException.conflict("You already have a connection named '" + name + "'");
        }
        DatabaseConnection c = new DatabaseConnection();
        c.userId = actor.userId();
        c.name = name;
        c.description = request.description();
        c.engine = request.engine();
        c.host = request.host().trim();
        c.port = port;
        c.databaseName = request.database().trim();
        c.username = request.username().trim();
        seal(c, request.password());
        c.sslMode = request.sslMode() != null ? request.sslMode() : "prefer";
        c.schemaFilter = schemas(request.schemaFilter());
        c.sharedWithRole = request.sharedWithRole() == null ? null : request.sharedWithRole().value();
        c.allowWritableLogin = Boolean.TRUE.equals(request.allowWritableLogin());
        c.status = "untested";
        c.persist();
        ConnectionView view = ConnectionView.of(c);
        audit.event("datasource.create").resource("database_connection", c.id).newValues(view).record();
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConnectionView> list(Actor actor, String q, Engine engine, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("engine", engine);
        if (!actor.isAdmin()) {
            List<String> roles = new ArrayList<>(actor.roles());
            query.where("userId = :me or sharedWithRole in :roles", "me", actor.userId() == null ? new UUID(0, 0) : actor.userId());
            query.params().put("roles", roles.isEmpty() ? List.of("-") : roles);
        }
        if (q != null && !q.isBlank()) {
            query.where("lower(name) like :q escape '\\'", "q", QueryParams.containsPattern(q));
        }
        query.after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(DatabaseConnection.<DatabaseConnection>find(query.hql(), query.params()), page), page.limit(),
                c -> Cursor.of(c.createdAt, c.id), ConnectionView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConnectionView get(Actor actor, UUID id) {
        return ConnectionView.of(ConnectionAccess.visible(actor, id));
    }

    @Transactional
    public ConnectionView update(Actor actor, UUID id, ConnectionUpdate update) {
        DatabaseConnection c = ConnectionAccess.lockedForChange(actor, id);
        if (update.allowWritableLogin() != null && update.allowWritableLogin() != c.allowWritableLogin && !actor.isAdmin()) {
            throw ProblemException.forbidden("Only admins may allow or disallow a login that can write");
        }
        if (update.unshare() != null && update.sharedWithRole() != null && update.unshare()) {
            throw ProblemException.unprocessable("unshare", "send either shared_with_role or unshare, not both");
        }
        ConnectionView before = ConnectionView.of(c);
        if (update.name() != null && !update.name().trim().equals(c.name)) {
            String name = update.name().trim();
            if (name.isEmpty()) {
                throw ProblemException.invalidField("name", "must not be blank");
            }
            if (DatabaseConnection.count("userId = ?1 and name = ?2 and id <> ?3", c.userId, name, id) > 0) {
                throw ProblemException.conflict("The owner already has a connection named '" + name + "'");
            }
            c.name = name;
        }
        if (update.description() != null) {
            c.description = update.description().isBlank() ? null : update.description();
        }
        boolean retarget = false;
        if (update.host() != null || update.port() != null || update.database() != null) {
            String host = update.host() != null ? update.host().trim() : c.host;
            int port = update.port() != null ? update.port() : c.port;
            String database = update.database() != null ? update.database().trim() : c.databaseName;
            if (host.isEmpty() || database.isEmpty()) {
                throw ProblemException.invalidField(host.isEmpty() ? "host" : "database", "must not be blank");
            }
            targets.check(host, port, database);
            retarget = !host.equals(c.host) || port != c.port || !database.equals(c.databaseName);
            c.host = host;
            c.port = port;
            c.databaseName = database;
        }
        if (update.username() != null && !update.username().trim().equals(c.username)) {
            if (update.username().isBlank()) {
                throw ProblemException.invalidField("username", "must not be blank");
            }
            c.username = update.username().trim();
            retarget = true;
        }
        boolean passwordChanged = update.password() != null;
        if (passwordChanged) {
            seal(c, update.password());
            retarget = true;
        }
        if (update.sslMode() != null && !update.sslMode().equals(c.sslMode)) {
            c.sslMode = update.sslMode();
            retarget = true;
        }
        if (update.schemaFilter() != null) {
            c.schemaFilter = schemas(update.schemaFilter());
        }
        if (update.sharedWithRole() != null) {
            c.sharedWithRole = update.sharedWithRole().value();
        } else if (Boolean.TRUE.equals(update.unshare())) {
            c.sharedWithRole = null;
        }
        if (update.allowWritableLogin() != null) {
            c.allowWritableLogin = update.allowWritableLogin();
        }
        if (retarget) {
            // A different database or login: what the last test found no longer holds, and an
            // admin's allowance was for the login they saw, not for this one.
            c.status = "untested";
            if (update.allowWritableLogin() == null) {
                c.allowWritableLogin = false;
            }
            c.serverVersion = null;
            c.writePrivileges = new ArrayList<>();
            c.lastError = null;
            pools.evict(id);
        }
        c.updatedAt = DatabaseConnection.now();
        ConnectionView after = ConnectionView.of(c);
        audit.event("datasource.update").resource("database_connection", id).oldValues(before).newValues(after)
                .meta("password_changed", passwordChanged).record();
        return after;
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        DatabaseConnection c = ConnectionAccess.lockedForChange(actor, id);
        ConnectionView before = ConnectionView.of(c);
        c.delete();
        pools.evict(id);
        audit.event("datasource.delete").resource("database_connection", id).oldValues(before).record();
    }

    /** Connects, reads the version and what the login could write, and stores the verdict. */
    public ConnectionCheck test(Actor actor, UUID id) {
        return check(QuarkusTransaction.requiringNew().call(() -> ConnectionAccess.manageable(actor, id)));
    }

    /** The test itself, for a connection the caller may change (and for the demo loader). */
    public ConnectionCheck check(DatabaseConnection c) {
        UUID id = c.id;
        // A fresh pool: the test must reach the server as it is now, not reuse a connection opened before a change.
        pools.evict(id);
        long start = System.nanoTime();
        QueryRunner.ConnectionProbe probe = null;
        QueryFailure failure = null;
        try {
            probe = runner.probe(c);
        } catch (QueryFailure e) {
            failure = e;
        }
        int latency = (int) ((System.nanoTime() - start) / 1_000_000);
        Instant now = DatabaseConnection.now();
        QueryRunner.ConnectionProbe found = probe;
        QueryFailure failed = failure;
        return QuarkusTransaction.requiringNew().call(() -> {
            DatabaseConnection row = DatabaseConnection.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                throw ProblemException.notFound("database_connection", id);
            }
            if (!row.poolFingerprint().equals(c.poolFingerprint())) {
                throw ProblemException.conflict("Connection " + id + " was changed while it was being tested; test it again");
            }
            row.lastCheckedAt = now;
            if (failed != null) {
                row.status = "failed";
                row.lastError = io.synapse.common.input.StorableText.shorten(failed.getMessage(), 1000);
            } else {
                row.status = found.writePrivileges().isEmpty() ? "ok" : "writable";
                row.serverVersion = io.synapse.common.input.StorableText.shorten(io.synapse.common.input.StorableText.clean(found.serverVersion()), 200);
                row.writePrivileges = new ArrayList<>(found.writePrivileges());
                row.lastError = null;
            }
            boolean writable = "writable".equals(row.status);
            ConnectionCheck check = new ConnectionCheck(row.status, failed == null, row.serverVersion, writable, List.copyOf(row.writePrivileges),
                    "ok".equals(row.status) || writable && row.allowWritableLogin, row.lastError, latency, now);
            audit.event("datasource.test").resource("database_connection", id)
                    .newValues(Map.of("status", row.status, "writable", writable, "latency_ms", latency)).record();
            return check;
        });
    }

    /** Reads the catalogue (over the login's read-only transaction) and stores it as the current version. */
    public SchemaRefresh introspect(Actor actor, UUID id) {
        return refreshCatalogue(QuarkusTransaction.requiringNew().call(() -> ConnectionAccess.manageable(actor, id)));
    }

    /** Introspects a connection the caller may already use (a question about one never introspected). */
    public SchemaRefresh refreshCatalogue(DatabaseConnection c) {
        UUID id = c.id;
        long start = System.nanoTime();
        List<Map<String, Object>> tables;
        try {
            tables = runner.readOnly(c, connection -> Introspector.tables(connection, c.engine, c.schemaFilter, c.databaseName));
        } catch (QueryFailure e) {
            throw e.toProblem();
        }
        int readMs = (int) ((System.nanoTime() - start) / 1_000_000);
        Instant refreshedAt = DatabaseConnection.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            DatabaseConnection row = DatabaseConnection.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                throw ProblemException.notFound("database_connection", id);
            }
            SchemaStore.replace(row, tables, refreshedAt, Math.max(1, config.schemaVersionsKept()));
            int totalMs = (int) ((System.nanoTime() - start) / 1_000_000);
            audit.event("datasource.introspect").resource("database_connection", id)
                    .newValues(Map.of("tables", tables.size(), "refreshed_at", refreshedAt.toString())).record();
            return new SchemaRefresh(id, refreshedAt, tables.size(), tables.size() >= Introspector.MAX_TABLES, readMs, totalMs);
        });
    }

    public record SchemaRefresh(UUID connectionId, Instant refreshedAt, int tables, boolean truncated, int readMs, int totalMs) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TableView> schema(Actor actor, UUID id, String q, PageRequest page) {
        DatabaseConnection c = ConnectionAccess.visible(actor, id);
        if (c.schemaRefreshedAt == null) {
            throw ProblemException.conflict("Connection " + id + " has not been introspected: POST /api/datasources/" + id + "/introspect first");
        }
        KeysetQuery query = KeysetQuery.create().eq("connectionId", id).eq("refreshedAt", c.schemaRefreshedAt);
        if (q != null && !q.isBlank()) {
            query.where("lower(tableName) like :q escape '\\'", "q", QueryParams.containsPattern(q));
        }
        query.ascendingAfter(page, "id", Long::valueOf);
        return Page.of(KeysetQuery.fetch(DatabaseSchema.<DatabaseSchema>find(query.hql(), query.params()), page), page.limit(),
                t -> Cursor.of(t.id), TableView::of);
    }

    private void seal(DatabaseConnection c, String password) {
        if (!cipher.configured()) {
            throw ProblemException.serviceUnavailable("Database connections need an encryption key: set SYNAPSE_DATASOURCES_ENCRYPTION_ACTIVE_KEY_ID "
                    + "and SYNAPSE_DATASOURCES_ENCRYPTION_KEYS__<ID>_ (README: Datasources)");
        }
        SecretCipher.Sealed sealed = cipher.seal(password);
        c.passwordCiphertext = sealed.bytes();
        c.passwordKeyId = sealed.keyId();
    }

    private static List<String> schemas(List<String> requested) {
        return requested == null ? new ArrayList<>() : new ArrayList<>(requested.stream().map(String::trim).distinct().toList());
    }
}
