package io.synapse.datasources.introspect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.synapse.common.input.StorableText;
import io.synapse.datasources.Engine;

/**
 * Reads a database's catalogue in three statements whatever its size (tables, columns, keys),
 * limited to what the login may read and to the connection's schema filter. Row counts are the
 * engine's estimates (PostgreSQL reltuples, MariaDB TABLE_ROWS), never a count(*).
 */
public final class Introspector {

    /** More tables than this are not described (the catalogue would be useless to a prompt and heavy to store). */
    public static final int MAX_TABLES = 5000;

    private static final String PG_TABLES = """
            SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
               AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%%'
               AND has_table_privilege(c.oid, 'SELECT')
               AND (cardinality(?::text[]) = 0 OR n.nspname = ANY (?::text[]))
             ORDER BY n.nspname, c.relname LIMIT %d
            """.formatted(MAX_TABLES);

    private Introspector() {
    }

    public static List<Map<String, Object>> tables(Connection connection, Engine engine, List<String> schemas, String database) throws SQLException {
        return engine == Engine.POSTGRESQL ? postgres(connection, schemas) : mariadb(connection, schemas.isEmpty() ? List.of(database) : schemas);
    }

    private static List<Map<String, Object>> postgres(Connection connection, List<String> schemas) throws SQLException {
        Map<Long, Map<String, Object>> tables = new LinkedHashMap<>();
        Array filter = connection.createArrayOf("text", schemas.toArray());
        try (PreparedStatement s = connection.prepareStatement("""
                WITH t AS (%s)
                SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::bigint, pg_total_relation_size(c.oid), obj_description(c.oid, 'pg_class')
                  FROM t JOIN pg_class c ON c.oid = t.oid JOIN pg_namespace n ON n.oid = c.relnamespace ORDER BY n.nspname, c.relname
                """.formatted(PG_TABLES))) {
            s.setArray(1, filter);
            s.setArray(2, filter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = table(r.getString(2), r.getString(3), switch (r.getString(4)) {
                        case "v" -> "view";
                        case "m" -> "materialized_view";
                        case "f" -> "foreign_table";
                        case "p" -> "partitioned_table";
                        default -> "table";
                    }, r.getLong(5) < 0 ? null : r.getLong(5), r.getLong(6), r.getString(7));
                    tables.put(r.getLong(1), t);
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("""
                WITH t AS (%s)
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, col_description(a.attrelid, a.attnum)
                  FROM pg_attribute a JOIN t ON t.oid = a.attrelid
                 WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum
                """.formatted(PG_TABLES))) {
            s.setArray(1, filter);
            s.setArray(2, filter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = tables.get(r.getLong(1));
                    if (t != null) {
                        columns(t).add(column(r.getString(2), r.getString(3), !r.getBoolean(4), r.getString(5)));
                    }
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("""
                WITH t AS (%s)
                SELECT con.conrelid, con.contype,
                       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                       fn.nspname, fc.relname,
                       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
                  FROM pg_constraint con JOIN t ON t.oid = con.conrelid
                  LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
                 WHERE con.contype IN ('p', 'f') ORDER BY con.conrelid, con.conname
                """.formatted(PG_TABLES))) {
            s.setArray(1, filter);
            s.setArray(2, filter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = tables.get(r.getLong(1));
                    if (t == null) {
                        continue;
                    }
                    List<String> cols = strings(r.getArray(3));
                    if ("p".equals(r.getString(2))) {
                        t.put("primary_key", cols);
                    } else {
                        foreignKeys(t).add(foreignKey(cols, r.getString(4), r.getString(5), strings(r.getArray(6))));
                    }
                }
            }
        }
        return new ArrayList<>(tables.values());
    }

    private static List<Map<String, Object>> mariadb(Connection connection, List<String> schemas) throws SQLException {
        String in = String.join(", ", schemas.stream().map(s -> "?").toList());
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, "
                + "TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + in + ") ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT " + MAX_TABLES)) {
            bind(s, schemas);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String type = r.getString(3);
                    Object rows = r.getObject(4);
                    Object size = r.getObject(5);
                    tables.put(r.getString(1) + "." + r.getString(2), table(r.getString(1), r.getString(2),
                            type != null && type.contains("VIEW") ? "view" : "table", rows == null ? null : ((Number) rows).longValue(),
                            size == null ? null : ((Number) size).longValue(), blankToNull(r.getString(6))));
                }
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_COMMENT "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + in + ") ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
            bind(s, schemas);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = tables.get(r.getString(1) + "." + r.getString(2));
                    if (t != null) {
                        columns(t).add(column(r.getString(3), r.getString(4), "YES".equals(r.getString(5)), blankToNull(r.getString(6))));
                    }
                }
            }
        }
        // KEY_COLUMN_USAGE alone: PRIMARY is the primary key, a referenced table makes a foreign key (joining
        // TABLE_CONSTRAINTS finds nothing on MariaDB 10.11 for a login with SELECT only).
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CASE WHEN CONSTRAINT_NAME = 'PRIMARY' THEN 'PRIMARY KEY' ELSE 'FOREIGN KEY' END,
                       COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
                  FROM information_schema.KEY_COLUMN_USAGE
                 WHERE TABLE_SCHEMA IN (%s) AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
                 ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION
                """.formatted(in))) {
            bind(s, schemas);
            Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> t = tables.get(r.getString(1) + "." + r.getString(2));
                    if (t == null) {
                        continue;
                    }
                    if ("PRIMARY KEY".equals(r.getString(4))) {
                        primaryKey(t).add(r.getString(5));
                    } else {
                        Map<String, Object> fk = keys.computeIfAbsent(r.getString(1) + "." + r.getString(2) + "." + r.getString(3), k -> {
                            Map<String, Object> created = foreignKey(new ArrayList<>(), null, null, new ArrayList<>());
                            foreignKeys(t).add(created);
                            return created;
                        });
                        fk.put("references_schema", r.getString(6));
                        fk.put("references_table", r.getString(7));
                        strings(fk, "columns").add(r.getString(5));
                        strings(fk, "references_columns").add(r.getString(8));
                    }
                }
            }
        }
        return new ArrayList<>(tables.values());
    }

    private static Map<String, Object> table(String schema, String name, String type, Long rows, Long size, String comment) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("schema", clean(schema));
        t.put("name", clean(name));
        t.put("type", type);
        t.put("row_estimate", rows);
        t.put("table_size", size);
        t.put("comment", clean(comment));
        t.put("columns", new ArrayList<Map<String, Object>>());
        t.put("primary_key", new ArrayList<String>());
        t.put("foreign_keys", new ArrayList<Map<String, Object>>());
        return t;
    }

    private static Map<String, Object> column(String name, String type, boolean nullable, String comment) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", clean(name));
        c.put("type", clean(type));
        c.put("nullable", nullable);
        if (comment != null) {
            c.put("comment", clean(comment));
        }
        return c;
    }

    private static Map<String, Object> foreignKey(List<String> columns, String schema, String table, List<String> referenced) {
        Map<String, Object> fk = new LinkedHashMap<>();
        fk.put("columns", columns);
        fk.put("references_schema", schema);
        fk.put("references_table", table);
        fk.put("references_columns", referenced);
        return fk;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> columns(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("columns");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> foreignKeys(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("foreign_keys");
    }

    @SuppressWarnings("unchecked")
    static List<String> primaryKey(Map<String, Object> table) {
        return (List<String>) table.get("primary_key");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> map, String key) {
        return (List<String>) map.get(key);
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add(clean(String.valueOf(value)));
            }
        }
        return values;
    }

    private static void bind(PreparedStatement s, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setString(i + 1, values.get(i));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Names and comments come from someone else's database: stored only as text PostgreSQL accepts. */
    private static String clean(String text) {
        return text == null ? null : StorableText.clean(text);
    }
}
