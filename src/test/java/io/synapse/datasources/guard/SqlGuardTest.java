package io.synapse.datasources.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.synapse.datasources.Engine;

/** Layer 1 alone: the parser-based guard, without a database. */
public class SqlGuardTest {

    private static final SqlGuard GUARD = new SqlGuard();

    /** One line of hostile-statements.tsv. */
    public record Hostile(String engine, String reason, String sql) {
        @Override
        public String toString() {
            return reason + ": " + sql;
        }
    }

    public static List<Hostile> corpus() {
        try (InputStream in = SqlGuardTest.class.getResourceAsStream("/datasources/hostile-statements.tsv")) {
            List<Hostile> all = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\t", 3);
                all.add(new Hostile(parts[0], parts[1], parts.length > 2 ? parts[2].replace("\\n", "\n") : ""));
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Object[]> hostileOnEachEngine() {
        return corpus().stream().flatMap(h -> Stream.of(Engine.POSTGRESQL, Engine.MARIADB)
                .filter(e -> h.engine().equals("any") || h.engine().equals("pg") == e.isPostgres())
                .map(e -> new Object[] { e, h }));
    }

    @AfterAll
    static void close() {
        GUARD.close();
    }

    @Test
    void theCorpusHasMoreThanAHundredStatements() {
        assertTrue(corpus().size() >= 100, "corpus size " + corpus().size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileOnEachEngine")
    void everyHostileStatementIsRefusedWithItsReason(Engine engine, Hostile hostile) {
        // As DatabaseConnection#allowedSchemas: no filter on PostgreSQL, the connection's own database on MariaDB.
        List<String> schemas = engine.isPostgres() ? List.of() : List.of("synapse_ds_fixture");
        SqlRefused refused = assertThrows(SqlRefused.class, () -> GUARD.check(hostile.sql(), engine, 100, schemas), hostile.sql());
        assertEquals(hostile.reason(), refused.reason(), hostile.sql() + " -> " + refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "SELECT 1", "select id, name from guard_items where id > 1 order by name",
            "WITH t AS (SELECT id FROM guard_items) SELECT count(*) FROM t", "SELECT g.name, count(*) OVER (PARTITION BY g.name) FROM guard_items g",
            "SELECT id::text FROM guard_items", "SELECT * FROM guard_items a JOIN guard_items b ON a.id = b.id", "VALUES (1, 'a'), (2, 'b')",
            "SELECT name FROM guard_items UNION ALL SELECT name FROM guard_items", "EXPLAIN SELECT * FROM guard_items",
            "SELECT 'pg_sleep(1); DROP TABLE x' AS harmless_text", "SELECT '/* not a comment */' AS t", "SELECT `name` FROM `guard_items`",
            "SELECT coalesce(max(id), 0) FROM guard_items", "SELECT * FROM guard_items WHERE name LIKE 'a%' LIMIT 10",
            "SELECT date_trunc('month', now())", "SELECT * FROM public.guard_items", "SELECT 1;",
            "SELECT name FROM guard_items WHERE id = :id AND name <> :name" })
    void ordinaryQueriesPass(String sql) {
        GuardedStatement checked = GUARD.check(sql, sql.contains("`") ? Engine.MARIADB : Engine.POSTGRESQL, 100, List.of());
        assertFalse(checked.sql().isBlank());
    }

    @Test
    void theRowCapIsPushedIntoTheQuery() {
        assertTrue(GUARD.check("SELECT * FROM guard_items", Engine.POSTGRESQL, 100, List.of()).sql().endsWith("LIMIT 101"));
        assertTrue(GUARD.check("SELECT * FROM guard_items LIMIT 100000", Engine.POSTGRESQL, 100, List.of()).sql().endsWith("LIMIT 101"));
        assertTrue(GUARD.check("SELECT * FROM guard_items LIMIT 5", Engine.POSTGRESQL, 100, List.of()).sql().endsWith("LIMIT 5"));
        assertTrue(GUARD.check("SELECT name FROM guard_items UNION SELECT name FROM guard_items", Engine.POSTGRESQL, 100, List.of()).sql()
                .endsWith("LIMIT 101"));
    }

    @Test
    void commentsDoNotReachTheServer() {
        String sql = GUARD.check("SELECT 1 -- trailing\n/* block */ AS one", Engine.POSTGRESQL, 10, List.of()).sql();
        assertFalse(sql.contains("--") || sql.contains("/*"), sql);
    }

    @Test
    void namedParametersBecomePositionalInOrder() {
        GuardedStatement checked = GUARD.check("SELECT :b AS x, id::text FROM guard_items WHERE id = :a AND name = ':not' AND id > :b",
                Engine.POSTGRESQL, 10, List.of());
        assertEquals(List.of("b", "a", "b"), checked.parameters());
        assertTrue(checked.sql().contains("id::text") && checked.sql().contains("':not'"), checked.sql());
    }

    @Test
    void aSchemaFilterKeepsQueriesInsideIt() {
        SqlRefused refused = assertThrows(SqlRefused.class,
                () -> GUARD.check("SELECT * FROM other.secrets", Engine.POSTGRESQL, 10, List.of("public")));
        assertEquals("schema_not_allowed", refused.reason());
        GUARD.check("SELECT * FROM public.guard_items", Engine.POSTGRESQL, 10, List.of("public"));
    }

    @Test
    void pathologicalInputIsRefusedQuickly() {
        String deep = "SELECT " + "(".repeat(200) + "1" + ")".repeat(200);
        assertEquals("too_deep", assertThrows(SqlRefused.class, () -> GUARD.check(deep, Engine.POSTGRESQL, 10, List.of())).reason());
    }
}
