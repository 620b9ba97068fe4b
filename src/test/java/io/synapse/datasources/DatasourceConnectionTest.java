package io.synapse.datasources;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.UserDatabases;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class DatasourceConnectionTest {

    @Inject
    SecretCipher cipher;

    /** Every log record written meanwhile, formatted, for "the password is in no log line". */
    static final class CapturedLog extends java.util.logging.Handler implements AutoCloseable {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        CapturedLog() {
            java.util.logging.Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            Object[] params = record.getParameters();
            lines.add(record.getMessage() + " " + (params == null ? "" : java.util.Arrays.toString(params)) + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }
    }

    @Test
    void aManagerRegistersAConnectionWhosePasswordIsStoredSealedAndNeverShown() {
        Api.Login manager = Api.user("manager");
        UserDatabases.ensure();
        CapturedLog logged = new CapturedLog();
        Response created = Api.json(manager.as()).body(Datasources.body("postgresql", UserDatabases.READER)).post("/api/datasources");
        created.then().statusCode(201).header("Location", containsString("/api/datasources/")).body("status", equalTo("untested"))
                .body("user_id", equalTo(manager.id().toString())).body("port", equalTo(5432)).body("database", equalTo(UserDatabases.DATABASE));
        assertFalse(created.asString().contains(UserDatabases.PASSWORD));
        assertFalse(created.asString().contains("password"));
        UUID id = UUID.fromString(created.path("id"));

        DatabaseConnection row = Db.tx(() -> DatabaseConnection.<DatabaseConnection>findById(id));
        assertFalse(new String(row.passwordCiphertext, StandardCharsets.ISO_8859_1).contains(UserDatabases.PASSWORD));
        assertEquals(12 + UserDatabases.PASSWORD.length() + 16, row.passwordCiphertext.length);
        assertEquals(UserDatabases.PASSWORD, cipher.open(row.passwordKeyId, row.passwordCiphertext));
        // The same secret sealed twice gives different bytes (a fresh nonce each time).
        assertNotEquals(List.of(cipher.seal("x").bytes()), List.of(cipher.seal("x").bytes()));

        String get = manager.as().get("/api/datasources/" + id).asString();
        String list = manager.as().get("/api/datasources").asString();
        String test = manager.as().post("/api/datasources/" + id + "/test").asString();
        Api.json(manager.as()).body(Map.of("password", "changed-" + UserDatabases.PASSWORD)).patch("/api/datasources/" + id).then().statusCode(200);
        for (String body : List.of(get, list, test)) {
            assertFalse(body.contains(UserDatabases.PASSWORD), body);
        }
        // A login the server refuses, so that drivers and the pool log their failures too.
        Map<String, Object> refused = Datasources.body("mariadb", UserDatabases.READER);
        refused.put("password", "wrong-" + UserDatabases.PASSWORD);
        UUID failing = UUID.fromString(Api.json(manager.as()).body(refused).post("/api/datasources").then().statusCode(201).extract().path("id"));
        manager.as().post("/api/datasources/" + failing + "/test").then().statusCode(200).body("status", equalTo("failed"));
        logged.close();
        assertTrue(logged.lines.size() > 0);
        for (String line : logged.lines) {
            assertFalse(line.contains(UserDatabases.PASSWORD), line);
        }
        List<AuditLog> audit = Db.tx(() -> AuditLog.<AuditLog>list("resourceId", id.toString()));
        assertTrue(audit.size() >= 3);
        for (AuditLog log : audit) {
            String text = String.valueOf(log.oldValues) + log.newValues + log.metadata;
            assertFalse(text.contains(UserDatabases.PASSWORD) || text.contains("ciphertext") || text.contains("key_id"), text);
        }
    }

    @Test
    void testReportsVersionAndTheReadOnlyLoginIsQueryableOnBothEngines() {
        Api.Login manager = Api.user("manager");
        for (String engine : List.of("postgresql", "mariadb")) {
            UUID id = Datasources.register(manager, engine, UserDatabases.READER);
            manager.as().post("/api/datasources/" + id + "/test").then().statusCode(200).body("status", equalTo("ok"))
                    .body("reachable", equalTo(true)).body("writable", equalTo(false)).body("queryable", equalTo(true))
                    .body("server_version", containsString(engine.equals("postgresql") ? "PostgreSQL" : "MariaDB"))
                    .body("write_privileges", empty());
            manager.as().get("/api/datasources/" + id).then().body("status", equalTo("ok")).body("last_checked_at", notNullValue());
        }
    }

    @Test
    void aLoginThatCanWriteIsFlaggedAndRefusedUntilAnAdminAllowsIt() {
        Api.Login manager = Api.user("manager");
        for (String engine : List.of("postgresql", "mariadb")) {
            UUID id = Datasources.register(manager, engine, UserDatabases.WRITER);
            manager.as().post("/api/datasources/" + id + "/test").then().statusCode(200).body("status", equalTo("writable"))
                    .body("writable", equalTo(true)).body("queryable", equalTo(false))
                    .body("write_privileges", hasItem(containsString("guard_items")));
            assertProblem(Api.json(manager.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + id + "/query"), 409)
                    .body("detail", containsString("can write"));
            // Only an admin may allow it.
            assertProblem(Api.json(manager.as()).body(Map.of("allow_writable_login", true)).patch("/api/datasources/" + id), 403);
            Api.json(Api.asAdmin()).body(Map.of("allow_writable_login", true)).patch("/api/datasources/" + id).then().statusCode(200)
                    .body("allow_writable_login", equalTo(true));
            Api.json(manager.as()).body(Map.of("sql", "SELECT count(*) AS n FROM guard_items")).post("/api/datasources/" + id + "/query").then()
                    .statusCode(200).body("rows[0][0]", equalTo(UserDatabases.GUARD_ROWS));
        }
        // A superuser login (PostgreSQL's postgres) is writable too.
        Map<String, Object> body = Datasources.body("postgresql", "postgres");
        UUID superuser = UUID.fromString(Api.json(manager.as()).body(body).post("/api/datasources").then().statusCode(201).extract().path("id"));
        manager.as().post("/api/datasources/" + superuser + "/test").then().statusCode(200).body("write_privileges", hasItem("role: superuser"));
    }

    @Test
    void anUnreachableOrRefusedLoginFailsItsTestWithTheReason() {
        Api.Login manager = Api.user("manager");
        Map<String, Object> closedPort = Datasources.body("postgresql", UserDatabases.READER);
        closedPort.put("port", 1);
        UUID unreachable = UUID.fromString(Api.json(manager.as()).body(closedPort).post("/api/datasources").then().statusCode(201).extract().path("id"));
        manager.as().post("/api/datasources/" + unreachable + "/test").then().statusCode(200).body("status", equalTo("failed"))
                .body("reachable", equalTo(false)).body("error", containsString("could not be reached"));
        assertProblem(Api.json(manager.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + unreachable + "/query"), 409)
                .body("detail", containsString("failed"));

        Map<String, Object> wrongPassword = Datasources.body("mariadb", UserDatabases.READER);
        wrongPassword.put("password", "wrong");
        UUID refused = UUID.fromString(Api.json(manager.as()).body(wrongPassword).post("/api/datasources").then().statusCode(201).extract().path("id"));
        manager.as().post("/api/datasources/" + refused + "/test").then().statusCode(200).body("status", equalTo("failed"))
                .body("error", containsString("refused the login"));
    }

    @Test
    void untestedConnectionsAreNotQueried() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.register(manager, "postgresql", UserDatabases.READER);
        assertProblem(Api.json(manager.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + id + "/query"), 409)
                .body("detail", containsString("/test"));
    }

    @Test
    void changingTheTargetSendsTheConnectionBackToUntested() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.ready(manager, "postgresql");
        Api.json(manager.as()).body(Map.of("description", "renamed only")).patch("/api/datasources/" + id).then().statusCode(200)
                .body("status", equalTo("ok"));
        Api.json(manager.as()).body(Map.of("username", UserDatabases.WRITER)).patch("/api/datasources/" + id).then().statusCode(200)
                .body("status", equalTo("untested")).body("server_version", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "169.254.169.254", "169.254.1.1", "0.0.0.0", "fe80::1", "224.0.0.1", "100.100.100.200", "-oProxyCommand=x",
            "host name with spaces", "no-such-host.invalid" })
    void forbiddenTargetsAreRefused(String host) {
        Api.Login manager = Api.user("manager");
        Map<String, Object> body = Datasources.body("postgresql", UserDatabases.READER);
        body.put("host", host);
        assertProblem(Api.json(manager.as()).body(body).post("/api/datasources"), 422).body("errors[0].field", equalTo("host"));
    }

    @Test
    void synapsesOwnDatabaseIsRefused() {
        Api.Login manager = Api.user("manager");
        Map<String, Object> body = Datasources.body("postgresql", "postgres");
        body.put("database", "synapse_test");
        body.put("host", "localhost");
        assertProblem(Api.json(manager.as()).body(body).post("/api/datasources"), 422).body("detail", containsString("Synapse itself"));
    }

    @Test
    void rolesOwnersAndSharing() {
        Api.Login owner = Api.user("manager");
        Api.Login otherManager = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        Api.Login rep = Api.user("rep");
        UUID id = Datasources.ready(owner, "postgresql");

        // viewers and reps may not register; nobody else sees a private connection.
        assertProblem(Api.json(viewer.as()).body(Datasources.body("postgresql", UserDatabases.READER)).post("/api/datasources"), 403);
        assertProblem(Api.json(rep.as()).body(Datasources.body("postgresql", UserDatabases.READER)).post("/api/datasources"), 403);
        for (Api.Login stranger : List.of(otherManager, viewer)) {
            assertProblem(stranger.as().get("/api/datasources/" + id), 404);
            stranger.as().get("/api/datasources").then().statusCode(200).body("items.id", not(hasItem(id.toString())));
            assertProblem(stranger.as().get("/api/datasources/" + id + "/schema"), 404);
        }
        assertProblem(Api.json(otherManager.as()).body(Map.of("name", "mine now")).patch("/api/datasources/" + id), 404);
        assertProblem(otherManager.as().delete("/api/datasources/" + id), 404);
        assertProblem(otherManager.as().post("/api/datasources/" + id + "/test"), 404);
        assertProblem(Api.json(otherManager.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + id + "/query"), 404);

        // Shared with reps: reps and managers see it, viewers do not; only the owner and admins change it.
        Datasources.share(owner, id, "rep");
        rep.as().get("/api/datasources/" + id).then().statusCode(200);
        otherManager.as().get("/api/datasources").then().body("items.id", hasItem(id.toString()));
        assertProblem(viewer.as().get("/api/datasources/" + id), 404);
        assertProblem(Api.json(otherManager.as()).body(Map.of("name", "mine now")).patch("/api/datasources/" + id), 403);
        assertProblem(otherManager.as().post("/api/datasources/" + id + "/introspect"), 403);
        // Raw SQL needs manager: a rep it is shared with still may not.
        assertProblem(Api.json(rep.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + id + "/query"), 403);
        Api.json(otherManager.as()).body(Map.of("sql", "SELECT 1 AS one")).post("/api/datasources/" + id + "/query").then().statusCode(200);

        // Admins see and change everything.
        Api.json(Api.asAdmin()).body(Map.of("description", "checked by admin")).patch("/api/datasources/" + id).then().statusCode(200);
        Api.json(owner.as()).body(Map.of("unshare", true)).patch("/api/datasources/" + id).then().statusCode(200).body("shared_with_role", nullValue());
        assertProblem(rep.as().get("/api/datasources/" + id), 404);

        owner.as().delete("/api/datasources/" + id).then().statusCode(204);
        assertProblem(owner.as().get("/api/datasources/" + id), 404);
        assertEquals(1L, (long) Db.tx(() -> AuditLog.count("action = ?1 and resourceId = ?2", "datasource.delete", id.toString())));
    }

    @Test
    void namesAreUniquePerOwner() {
        Api.Login manager = Api.user("manager");
        Map<String, Object> body = Datasources.body("postgresql", UserDatabases.READER);
        UserDatabases.ensure();
        Api.json(manager.as()).body(body).post("/api/datasources").then().statusCode(201);
        assertProblem(Api.json(manager.as()).body(body).post("/api/datasources"), 409);
        Api.json(Api.user("manager").as()).body(body).post("/api/datasources").then().statusCode(201);
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        Api.Login manager = Api.user("manager");
        long before = Db.tx(() -> DatabaseConnection.count("userId", manager.id()));
        Map<String, Object> good = Datasources.body("postgresql", UserDatabases.READER);
        for (Map.Entry<String, Object> change : List.<Map.Entry<String, Object>>of(Map.entry("engine", "oracle"), Map.entry("port", 70000),
                Map.entry("port", "5432x"), Map.entry("name", ""), Map.entry("name", "n".repeat(101)), Map.entry("ssl_mode", "maybe"),
                Map.entry("shared_with_role", "god"), Map.entry("host", "h".repeat(256)), Map.entry("password", "p".repeat(1025)),
                Map.entry("name", "nul\u0000"), Map.entry("schema_filter", List.of("")), Map.entry("allow_writable_login", 1))) {
            Map<String, Object> body = new java.util.HashMap<>(good);
            body.put(change.getKey(), change.getValue());
            Response response = Api.json(manager.as()).body(body).post("/api/datasources");
            assertTrue(response.statusCode() == 400 || response.statusCode() == 422, change + " -> " + response.statusCode() + " " + response.asString());
            assertProblem(response, response.statusCode());
        }
        for (String missing : List.of("name", "engine", "host", "database", "username", "password")) {
            Map<String, Object> body = new java.util.HashMap<>(good);
            body.remove(missing);
            assertProblem(Api.json(manager.as()).body(body).post("/api/datasources"), 400);
        }
        assertProblem(Api.json(manager.as()).body("{\"name\": ").post("/api/datasources"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("surprise", 1)).post("/api/datasources"), 400);
        assertProblem(manager.as().get("/api/datasources/not-a-uuid"), 404);
        assertProblem(manager.as().get("/api/datasources/" + UUID.randomUUID()), 404);
        assertProblem(manager.as().get("/api/datasources?limit=0"), 400);
        assertProblem(manager.as().get("/api/datasources?engine=oracle"), 400);
        assertProblem(manager.as().get("/api/datasources?cursor=garbage"), 400);
        assertEquals(before, (long) Db.tx(() -> DatabaseConnection.count("userId", manager.id())));
    }

    @Test
    void rotationMovesSecretsSealedUnderARetiredKeyToTheActiveOne() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.register(manager, "postgresql", UserDatabases.READER);
        Db.run(() -> {
            DatabaseConnection c = DatabaseConnection.findById(id);
            SecretCipher.Sealed old = cipher.seal(UserDatabases.PASSWORD, "retired-1");
            c.passwordCiphertext = old.bytes();
            c.passwordKeyId = old.keyId();
        });
        // Readable under the retired key meanwhile: the test connects.
        manager.as().post("/api/datasources/" + id + "/test").then().statusCode(200).body("status", equalTo("ok"));
        assertProblem(manager.as().post("/api/admin/datasources/re-encrypt"), 403);
        Api.asAdmin().post("/api/admin/datasources/re-encrypt").then().statusCode(200).body("active_key_id", equalTo(cipher.activeKeyId()))
                .body("re_encrypted", greaterThan(0)).body("secrets_by_key.retired-1", nullValue());
        DatabaseConnection row = Db.tx(() -> DatabaseConnection.<DatabaseConnection>findById(id));
        assertEquals(cipher.activeKeyId(), row.passwordKeyId);
        assertEquals(UserDatabases.PASSWORD, cipher.open(row.passwordKeyId, row.passwordCiphertext));
        manager.as().post("/api/datasources/" + id + "/test").then().statusCode(200).body("status", equalTo("ok"));
        Api.asAdmin().post("/api/admin/datasources/re-encrypt").then().statusCode(200).body("re_encrypted", equalTo(0));
    }

    @Test
    void introspectionStoresTablesColumnsAndKeysOnBothEngines() {
        Api.Login manager = Api.user("manager");
        for (String engine : List.of("postgresql", "mariadb")) {
            UUID id = Datasources.ready(manager, engine);
            assertProblem(manager.as().get("/api/datasources/" + id + "/schema"), 409);
            manager.as().post("/api/datasources/" + id + "/introspect").then().statusCode(200).body("tables", equalTo(3));
            Response schema = manager.as().get("/api/datasources/" + id + "/schema?q=orders");
            schema.then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].name", equalTo("orders"))
                    .body("items[0].primary_key", equalTo(List.of("id"))).body("items[0].columns.name", equalTo(List.of("id", "customer_id", "amount", "ordered_on")))
                    .body("items[0].foreign_keys[0].references_table", equalTo("customers"))
                    .body("items[0].foreign_keys[0].columns", equalTo(List.of("customer_id")));
            manager.as().get("/api/datasources/" + id + "/schema?q=customers").then().body("items[0].comment", equalTo("Who buys from us"));
            manager.as().get("/api/datasources/" + id + "/schema?limit=2").then().body("items.size()", equalTo(2)).body("next_cursor", notNullValue());
            // A refresh replaces the version; two are kept.
            manager.as().post("/api/datasources/" + id + "/introspect").then().statusCode(200);
            manager.as().post("/api/datasources/" + id + "/introspect").then().statusCode(200);
            assertEquals(6L, (long) Db.tx(() -> io.synapse.datasources.introspect.DatabaseSchema.count("connectionId", id)));
        }
    }
}
