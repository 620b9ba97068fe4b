package io.synapse.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.exec.DatasourcePools;
import io.synapse.datasources.exec.OpenQuery;
import io.synapse.datasources.exec.QueryRunner;
import io.synapse.datasources.exec.ResultWriter;
import io.synapse.datasources.guard.GuardedStatement;
import io.synapse.datasources.guard.SqlGuard;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.UserDatabases;

/**
 * Issue 10's figures, printed, never asserted: what the guard and the read-only transaction add to
 * a one-row query over plain JDBC on the same pool, the same through the API, and introspecting a
 * 500-table schema. Streaming 1,000,000 rows with flat memory is src/bench/datasources.sh (it needs
 * the packaged app's RSS). Run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DatasourceBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class DatasourceBenchmark {

    private static final String SQL = "SELECT name FROM guard_items WHERE id = 3";
    private static final int WARMUP = 1_000;
    private static final int ROUNDS = 5_000;

    @Inject
    SqlGuard guard;

    @Inject
    QueryRunner runner;

    @Inject
    DatasourcePools pools;

    @Inject
    ObjectMapper mapper;

    @Test
    void guardAndExecutionOverheadForAOneRowQuery() throws Exception {
        Api.Login manager = Api.user("manager");
        UUID id = register(manager, "postgresql", List.of());
        DatabaseConnection c = Db.tx(() -> DatabaseConnection.<DatabaseConnection>findById(id));
        List<Long> plain = new ArrayList<>();
        List<Long> guardOnly = new ArrayList<>();
        List<Long> guarded = new ArrayList<>();
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            long t0 = System.nanoTime();
            try (Connection connection = pools.borrow(c); PreparedStatement s = connection.prepareStatement(SQL); ResultSet r = s.executeQuery()) {
                r.next();
                r.getString(1);
            }
            long t1 = System.nanoTime();
            GuardedStatement statement = guard.check(SQL, c.engine, 1000, c.allowedSchemas());
            long t2 = System.nanoTime();
            try (OpenQuery query = runner.open(c, guard.check(SQL, c.engine, 1000, c.allowedSchemas()), Map.of(), 1000)) {
                ResultWriter.collect(query, 1000, 1 << 20, mapper);
            }
            long t3 = System.nanoTime();
            if (i >= WARMUP && statement != null) {
                plain.add(t1 - t0);
                guardOnly.add(t2 - t1);
                guarded.add(t3 - t2);
            }
        }
        System.out.printf("BENCH one-row query, %d rounds (PostgreSQL, same pool): plain JDBC median %.3f ms p95 %.3f ms; parser guard alone median %.3f ms; "
                + "guard + read-only transaction + rollback median %.3f ms p95 %.3f ms (overhead %.3f ms)%n", ROUNDS, ms(median(plain)), ms(p95(plain)),
                ms(median(guardOnly)), ms(median(guarded)), ms(p95(guarded)), ms(median(guarded) - median(plain)));

        List<Long> api = new ArrayList<>();
        List<Long> me = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            long t0 = System.nanoTime();
            Api.json(manager.as()).body(Map.of("sql", SQL)).post("/api/datasources/" + id + "/query").then().statusCode(200);
            long t1 = System.nanoTime();
            manager.as().get("/api/me").then().statusCode(200);
            long t2 = System.nanoTime();
            if (i >= 200) {
                api.add(t1 - t0);
                me.add(t2 - t1);
            }
        }
        System.out.printf("BENCH through the API, 1,000 calls: POST /query median %.3f ms; GET /api/me (auth, rate limit, one read) median %.3f ms%n",
                ms(median(api)), ms(median(me)));
    }

    @Test
    void introspectingFiveHundredTables() {
        UserDatabases.ensure();
        StringBuilder ddl = new StringBuilder("DROP SCHEMA IF EXISTS wide CASCADE; CREATE SCHEMA wide; GRANT USAGE ON SCHEMA wide TO " + UserDatabases.READER + ";");
        for (int t = 1; t <= 500; t++) {
            ddl.append("CREATE TABLE wide.t").append(t).append(" (id bigint PRIMARY KEY, code varchar(20) NOT NULL, label text, amount numeric(12,2), ")
                    .append("created_at timestamptz, flag boolean, note text")
                    .append(t > 1 ? ", parent_id bigint REFERENCES wide.t" + (t - 1) + " (id)" : "").append(");")
                    .append("COMMENT ON TABLE wide.t").append(t).append(" IS 'table ").append(t).append("';");
        }
        ddl.append("GRANT SELECT ON ALL TABLES IN SCHEMA wide TO ").append(UserDatabases.READER).append(";");
        UserDatabases.asOwner(true, ddl.toString());
        Api.Login manager = Api.user("manager");
        UUID id = register(manager, "postgresql", List.of("wide"));
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Response r = manager.as().post("/api/datasources/" + id + "/introspect");
            r.then().statusCode(200);
            if (i > 0) {
                totals.add(((Number) r.path("total_ms")).longValue() * 1_000_000);
                System.out.printf("BENCH introspect 500 tables: tables=%s read %s ms, read + store %s ms%n", r.path("tables"), r.path("read_ms"),
                        r.path("total_ms"));
            }
        }
        System.out.printf("BENCH introspect 500 tables: median read + store %.0f ms over 5 refreshes%n", ms(median(totals)));
        UserDatabases.asOwner(true, "DROP SCHEMA wide CASCADE");
    }

    private static UUID register(Api.Login owner, String engine, List<String> schemas) {
        UserDatabases.ensure();
        UUID id = UUID.fromString(Api.json(owner.as()).body(Map.of("name", "bench-" + UUID.randomUUID(), "engine", engine, "host", "127.0.0.1", "port",
                engine.equals("postgresql") ? 5432 : 3306, "database", UserDatabases.DATABASE, "username", UserDatabases.READER, "password",
                UserDatabases.PASSWORD, "ssl_mode", "disable", "schema_filter", schemas)).post("/api/datasources").then().statusCode(201).extract().path("id"));
        owner.as().post("/api/datasources/" + id + "/test").then().statusCode(200);
        return id;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long p95(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) (sorted.size() * 0.95));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
