package io.synapse.datasources;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.datasources.analytics.QueryAnalytics;
import io.synapse.datasources.exec.QueryFailure;
import io.synapse.datasources.exec.QueryRunner;
import io.synapse.datasources.guard.GuardedStatements;
import io.synapse.datasources.guard.SqlGuardTest;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.UserDatabases;

@QuarkusTest
class DatasourceQueryTest {

    private static Api.Login manager;
    private static UUID postgres;
    private static UUID mariadb;

    @Inject
    QueryRunner runner;

    /** Once per class, on first use (RestAssured knows the app's port only once a test runs). */
    @BeforeEach
    void register() {
        synchronized (DatasourceQueryTest.class) {
            if (manager == null) {
                manager = Api.user("manager");
                postgres = Datasources.ready(manager, "postgresql");
                mariadb = Datasources.ready(manager, "mariadb");
            }
        }
    }

    private static Response query(UUID id, Object body) {
        return Api.json(manager.as()).body(body).post("/api/datasources/" + id + "/query");
    }

    @Test
    void rowsComeBackAsJsonWithTypedValuesOnBothEngines() {
        for (UUID id : List.of(postgres, mariadb)) {
            query(id, Map.of("sql", "SELECT c.name, count(*) AS orders, sum(o.amount) AS total, max(o.ordered_on) AS last_order FROM customers c "
                    + "JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name")).then().statusCode(200)
                    .body("columns.name", equalTo(List.of("name", "orders", "total", "last_order"))).body("row_count", equalTo(3))
                    .body("truncated", equalTo(false)).body("rows[0][0]", equalTo("Acme")).body("rows[0][1]", equalTo(2))
                    .body("rows[0][2]", equalTo(200.5f)).body("rows[0][3]", equalTo("2025-02-11")).body("duration_ms", greaterThanOrEqualTo(0));
        }
    }

    @Test
    void namedParametersAreBoundNeverSpliced() {
        for (UUID id : List.of(postgres, mariadb)) {
            query(id, Map.of("sql", "SELECT name FROM customers WHERE state = :state AND id >= :min ORDER BY id", "params", Map.of("state", "PR", "min", 1)))
                    .then().statusCode(200).body("rows", equalTo(List.of(List.of("Acme"), List.of("Cobalt"))));
            // A value that would be an injection if spliced is only a value.
            query(id, Map.of("sql", "SELECT count(*) AS n FROM customers WHERE name = :name", "params", Map.of("name", "x' OR '1'='1"))).then()
                    .statusCode(200).body("rows[0][0]", equalTo(0));
            assertProblem(query(id, Map.of("sql", "SELECT name FROM customers WHERE state = :state")), 422).body("errors[0].field", equalTo("params"));
            assertProblem(query(id, Map.of("sql", "SELECT name FROM customers WHERE state = :state", "params", Map.of("state", List.of(1)))), 422);
        }
    }

    @Test
    void csvIsStreamedWithAHeader() {
        for (UUID id : List.of(postgres, mariadb)) {
            String csv = Api.json(manager.as()).accept("text/csv").body(Map.of("sql", "SELECT id, name FROM customers ORDER BY id"))
                    .post("/api/datasources/" + id + "/query").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            assertEquals("id,name\r\n1,Acme\r\n2,Borealis\r\n3,Cobalt\r\n", csv);
            assertEquals(csv, Api.json(manager.as()).body(Map.of("sql", "SELECT id, name FROM customers ORDER BY id"))
                    .post("/api/datasources/" + id + "/query?format=csv").asString());
        }
        assertProblem(Api.json(manager.as()).body(Map.of("sql", "SELECT 1")).post("/api/datasources/" + postgres + "/query?format=xml"), 400);
    }

    @Test
    void theRowCapTruncatesAndSaysSo() {
        for (UUID id : List.of(postgres, mariadb)) {
            query(id, Map.of("sql", "SELECT id FROM guard_items ORDER BY id", "limit", 2)).then().statusCode(200).body("row_count", equalTo(2))
                    .body("truncated", equalTo(true)).body("rows", equalTo(List.of(List.of(1), List.of(2))));
            query(id, Map.of("sql", "SELECT id FROM guard_items ORDER BY id LIMIT 1000", "limit", 5)).then().body("row_count", equalTo(5))
                    .body("truncated", equalTo(false));
        }
    }

    @Test
    void theDatabasesOwnErrorsAreProblemsNot500s() {
        for (UUID id : List.of(postgres, mariadb)) {
            assertProblem(query(id, Map.of("sql", "SELECT no_such_column FROM customers")), 422).body("detail", containsString("refused the statement"));
            assertProblem(query(id, Map.of("sql", "SELECT * FROM no_such_table")), 422);
        }
        // The statement timeout (2 s in tests) cancels a runaway query: 504.
        assertProblem(query(postgres, Map.of("sql", "SELECT count(*) FROM generate_series(1, 1000000000) g")), 504);
        assertProblem(query(mariadb, Map.of("sql", "SELECT count(*) FROM guard_items a, guard_items b, guard_items c, guard_items d, guard_items e, "
                + "guard_items f, guard_items g, guard_items h, guard_items i, guard_items j, guard_items k, guard_items l, guard_items m")), 504);
    }

    /** One database's pool busy to the last connection: other databases and the API itself still answer. */
    @Test
    void aSaturatedConnectionTakesNothingFromTheOthers() throws Exception {
        Api.Login own = Api.user("manager");
        UUID slow = Datasources.ready(own, "postgresql");
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> busy = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // Each holds one of the pool's 4 connections until the 2 s statement timeout.
                busy.add(callers.submit(() -> Api.json(own.as()).body(Map.of("sql", "SELECT count(*) FROM generate_series(1, 1000000000) g"))
                        .post("/api/datasources/" + slow + "/query").statusCode()));
            }
            Thread.sleep(500);
            query(mariadb, Map.of("sql", "SELECT count(*) FROM customers")).then().statusCode(200).body("rows[0][0]", equalTo(3));
            query(postgres, Map.of("sql", "SELECT count(*) FROM customers")).then().statusCode(200).body("rows[0][0]", equalTo(3));
            own.as().get("/api/me").then().statusCode(200);
            for (java.util.concurrent.Future<Integer> call : busy) {
                assertEquals(504, call.get());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** The corpus through the API on both real servers: refused before execution, reason named, data untouched. */
    @Test
    void everyHostileStatementIsRefusedBeforeExecutionAndTheDataIsUnchanged() {
        String pgBefore = UserDatabases.guardItems(true);
        String mariaBefore = UserDatabases.guardItems(false);
        long analyticsBefore = Db.tx(() -> QueryAnalytics.count("connectionId in ?1", List.of(postgres, mariadb)));
        int checked = 0;
        for (SqlGuardTest.Hostile hostile : SqlGuardTest.corpus()) {
            for (UUID id : List.of(postgres, mariadb)) {
                if (!hostile.engine().equals("any") && hostile.engine().equals("pg") != id.equals(postgres)) {
                    continue; // an engine-specific trick: on the other engine it is harmless text
                }
                Map<String, Object> body = new HashMap<>();
                body.put("sql", hostile.sql().isBlank() ? " " : hostile.sql());
                Response response = query(id, body);
                if (hostile.sql().isBlank()) {
                    assertProblem(response, 400); // @NotBlank answers before the guard
                    continue;
                }
                assertProblem(response, 422).body("type", equalTo("https://synapse.dev/problems/sql-refused/" + hostile.reason()))
                        .body("errors[0].field", equalTo("sql"));
                checked++;
            }
        }
        assertTrue(checked >= 200, "statements checked: " + checked);
        assertEquals(pgBefore, UserDatabases.guardItems(true));
        assertEquals(mariaBefore, UserDatabases.guardItems(false));
        // Each refusal is in the analytics, with its reason.
        long refused = Db.tx(() -> QueryAnalytics.count("connectionId in ?1 and errorClass like 'refused:%'", List.of(postgres, mariadb)));
        assertTrue(refused - 0 >= checked && Db.tx(() -> QueryAnalytics.count("connectionId in ?1", List.of(postgres, mariadb))) - analyticsBefore >= checked);
    }

    /** Layer 2 on its own: a write the parser let through (here: no parser at all) is stopped by the read-only transaction. */
    @Test
    void theReadOnlyTransactionStopsAWriteThatPassedTheParser() {
        String pgBefore = UserDatabases.guardItems(true);
        String mariaBefore = UserDatabases.guardItems(false);
        // Even a login that may write is stopped: the transaction, not the privileges, refuses.
        UUID pgWriter = Datasources.register(manager, "postgresql", UserDatabases.WRITER);
        UUID mariaWriter = Datasources.register(manager, "mariadb", UserDatabases.WRITER);
        for (UUID id : List.of(postgres, mariadb, pgWriter, mariaWriter)) {
            DatabaseConnection c = Db.tx(() -> DatabaseConnection.<DatabaseConnection>findById(id));
            for (String write : List.of("DELETE FROM guard_items", "UPDATE guard_items SET name = 'x'", "INSERT INTO guard_items VALUES (99, 'x')",
                    "WITH d AS (DELETE FROM guard_items RETURNING id) SELECT count(*) FROM d")) {
                if (write.startsWith("WITH") && c.engine != Engine.POSTGRESQL) {
                    continue;
                }
                QueryFailure failure = assertThrows(QueryFailure.class, () -> runner.open(c, GuardedStatements.unchecked(write), Map.of(), 10).close(),
                        write);
                // The writers' own privileges allow it: only the read-only transaction can have refused. The readers may be refused by either.
                boolean writer = id.equals(pgWriter) || id.equals(mariaWriter);
                assertTrue(failure.errorClass().equals(QueryFailure.READ_ONLY) || !writer && failure.errorClass().equals(QueryFailure.PERMISSION),
                        write + " on " + c.engine + ": " + failure.errorClass() + " " + failure.getMessage());
            }
        }
        assertEquals(pgBefore, UserDatabases.guardItems(true));
        assertEquals(mariaBefore, UserDatabases.guardItems(false));
    }

    @Test
    void everyStatementLeavesAnAnalyticsRowAndManagersSeeTheFigures() {
        Api.Login own = Api.user("manager");
        UUID id = Datasources.ready(own, "postgresql");
        Api.json(own.as()).body(Map.of("sql", "SELECT * FROM customers")).post("/api/datasources/" + id + "/query").then().statusCode(200);
        Api.json(own.as()).body(Map.of("sql", "SELECT * FROM customers", "limit", 1)).post("/api/datasources/" + id + "/query").then().statusCode(200);
        Api.json(own.as()).body(Map.of("sql", "DELETE FROM customers")).post("/api/datasources/" + id + "/query").then().statusCode(422);
        Api.json(own.as()).body(Map.of("sql", "SELECT nope FROM customers")).post("/api/datasources/" + id + "/query").then().statusCode(422);
        Db.eventually(() -> Db.tx(() -> QueryAnalytics.count("connectionId", id)) == 4);
        QueryAnalytics first = Db.tx(() -> QueryAnalytics.<QueryAnalytics>find("connectionId = ?1 and success = true order by id", id).firstResult());
        assertEquals("sql", first.origin);
        assertEquals(3, first.rowCount);
        assertEquals(64, first.sqlHash.length());
        assertEquals(own.id(), first.userId);

        own.as().get("/api/analytics/queries?group_by=connection,origin&connection_id=" + id).then().statusCode(200)
                .body("groups.size()", equalTo(1)).body("groups[0].statements", equalTo(4)).body("groups[0].errors", equalTo(2))
                .body("groups[0].refused", equalTo(1)).body("groups[0].rows", equalTo(4)).body("totals.statements", equalTo(4))
                .body("groups[0].connection_name", startsWith("postgresql-"));
        assertProblem(Api.user("rep").as().get("/api/analytics/queries"), 403);
        assertProblem(own.as().get("/api/analytics/queries?group_by=planet"), 400);
        assertProblem(own.as().get("/api/analytics/queries?origin=magic"), 400);
        assertProblem(own.as().get("/api/analytics/queries?from=2026-02-01T00:00:00Z&to=2025-01-01T00:00:00Z"), 400);
        assertProblem(own.as().get("/api/analytics/queries?connection_id=nope"), 400);
    }

    @Test
    void badQueryBodiesAreRefused() {
        assertProblem(query(postgres, Map.of()), 400);
        assertProblem(query(postgres, Map.of("sql", 5)), 400);
        assertProblem(query(postgres, Map.of("sql", "SELECT 1", "limit", 0)), 400);
        assertProblem(query(postgres, Map.of("sql", "SELECT 1", "limit", "ten")), 400);
        assertProblem(query(postgres, Map.of("sql", "SELECT 1", "extra", true)), 400);
        assertProblem(query(postgres, Map.of("sql", "SELECT '\u0000'")), 400);
        assertProblem(query(postgres, Map.of("sql", "SELECT 1 " + " ".repeat(20_000))), 400);
        assertProblem(Api.json(manager.as()).body("{\"sql\": \"SELECT 1\"").post("/api/datasources/" + postgres + "/query"), 400);
        assertProblem(query(UUID.randomUUID(), Map.of("sql", "SELECT 1")), 404);
        assertProblem(manager.as().contentType("text/plain").body("SELECT 1").post("/api/datasources/" + postgres + "/query"), 415);
    }

    @Test
    void templatesBindTypedParametersAndAreSharedByRole() {
        Api.Login owner = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        Api.Login otherManager = Api.user("manager");
        UUID id = Datasources.ready(owner, "mariadb");
        Map<String, Object> template = new HashMap<>(Map.of("connection_id", id.toString(), "name", "Customers in a state",
                "sql_template", "SELECT name FROM customers WHERE state = :state AND since >= :since ORDER BY name",
                "parameters", List.of(Map.of("name", "state", "type", "string"), Map.of("name", "since", "type", "date", "required", false,
                        "default_value", "2000-01-01")), "category", "sales"));
        UUID templateId = UUID.fromString(Api.json(owner.as()).body(template).post("/api/query-templates").then().statusCode(201).extract().path("id"));

        Api.json(owner.as()).body(Map.of("params", Map.of("state", "PR"))).post("/api/query-templates/" + templateId + "/run").then().statusCode(200)
                .body("rows", equalTo(List.of(List.of("Acme"), List.of("Cobalt"))));
        Api.json(owner.as()).body(Map.of("params", Map.of("state", "PR", "since", "2025-01-01"))).post("/api/query-templates/" + templateId + "/run")
                .then().statusCode(200).body("rows", equalTo(List.of(List.of("Cobalt"))));
        // Typed: a number for a string, a bad date, an unknown or a missing parameter: 422 naming it.
        assertProblem(Api.json(owner.as()).body(Map.of("params", Map.of("state", 5))).post("/api/query-templates/" + templateId + "/run"), 422)
                .body("errors[0].field", equalTo("params.state"));
        assertProblem(Api.json(owner.as()).body(Map.of("params", Map.of("state", "PR", "since", "31/12/2025"))).post("/api/query-templates/" + templateId + "/run"), 422)
                .body("errors[0].field", equalTo("params.since"));
        assertProblem(Api.json(owner.as()).body(Map.of("params", Map.of("state", "PR", "planet", "x"))).post("/api/query-templates/" + templateId + "/run"), 422);
        assertProblem(Api.json(owner.as()).body(Map.of("params", Map.of())).post("/api/query-templates/" + templateId + "/run"), 422);

        // Private: others cannot see it; shared with viewers (and the connection too): a viewer runs it but cannot change it.
        assertProblem(viewer.as().get("/api/query-templates/" + templateId), 404);
        assertProblem(otherManager.as().get("/api/query-templates/" + templateId), 404);
        Api.json(owner.as()).body(Map.of("shared_with_role", "viewer")).patch("/api/query-templates/" + templateId).then().statusCode(200);
        assertProblem(viewer.as().get("/api/query-templates/" + templateId), 404); // the connection is still private
        Datasources.share(owner, id, "viewer");
        viewer.as().get("/api/query-templates?connection_id=" + id).then().statusCode(200).body("items.id", hasItem(templateId.toString()));
        Api.json(viewer.as()).body(Map.of("params", Map.of("state", "SP"))).post("/api/query-templates/" + templateId + "/run").then().statusCode(200)
                .body("rows", equalTo(List.of(List.of("Borealis"))));
        assertProblem(Api.json(viewer.as()).body(Map.of("name", "mine")).patch("/api/query-templates/" + templateId), 403);
        assertProblem(Api.json(otherManager.as()).body(Map.of("name", "mine")).patch("/api/query-templates/" + templateId), 403);
        owner.as().get("/api/query-templates/" + templateId).then().body("usage_count", equalTo(3));
        assertEquals(3L, (long) Db.tx(() -> QueryAnalytics.count("templateId = ?1 and origin = 'template'", templateId)));

        owner.as().delete("/api/query-templates/" + templateId).then().statusCode(204);
        assertProblem(owner.as().get("/api/query-templates/" + templateId), 404);
    }

    @Test
    void aTemplatesSqlAndParametersAreCheckedWhenSaved() {
        Api.Login owner = Api.user("manager");
        UUID id = Datasources.ready(owner, "postgresql");
        Map<String, Object> base = Map.of("connection_id", id.toString(), "name", "t-" + UUID.randomUUID());
        assertProblem(Api.json(owner.as()).body(with(base, "sql_template", "DELETE FROM customers")).post("/api/query-templates"), 422)
                .body("type", equalTo("https://synapse.dev/problems/sql-refused/not_a_query")).body("errors[0].field", equalTo("sql_template"));
        assertProblem(Api.json(owner.as()).body(with(base, "sql_template", "SELECT * FROM customers WHERE id = :id")).post("/api/query-templates"), 422)
                .body("errors.message", hasItem(containsString(":id is not declared")));
        assertProblem(Api.json(owner.as()).body(with(with(base, "sql_template", "SELECT 1"), "parameters",
                List.of(Map.of("name", "unused", "type", "integer")))).post("/api/query-templates"), 422);
        assertProblem(Api.json(owner.as()).body(with(with(base, "sql_template", "SELECT :n"), "parameters",
                List.of(Map.of("name", "n", "type", "integer", "default_value", "ten")))).post("/api/query-templates"), 422);
        assertProblem(Api.json(owner.as()).body(with(with(base, "sql_template", "SELECT :n"), "parameters",
                List.of(Map.of("name", "n", "type", "complex")))).post("/api/query-templates"), 400);
        assertProblem(Api.json(owner.as()).body(with(with(base, "sql_template", "SELECT :n"), "parameters",
                List.of(Map.of("name", "n; drop", "type", "integer")))).post("/api/query-templates"), 400);
        assertProblem(Api.json(Api.user("viewer").as()).body(with(base, "sql_template", "SELECT 1")).post("/api/query-templates"), 403);
        assertProblem(Api.json(Api.user("manager").as()).body(with(base, "sql_template", "SELECT 1")).post("/api/query-templates"), 404);
        assertProblem(Api.json(owner.as()).body(with(base, "connection_id", "nope")).post("/api/query-templates"), 400);
        assertProblem(owner.as().get("/api/query-templates/" + UUID.randomUUID()), 404);
        assertProblem(owner.as().get("/api/query-templates?connection_id=nope"), 400);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
