package io.synapse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The "users' own databases" the datasource tests register: a PostgreSQL database and a MariaDB
 * database on the machine's servers, each with the same sample tables, a read-only login and a
 * login that can write. Created once per test JVM, from scratch.
 */
public final class UserDatabases {

    public static final String DATABASE = "synapse_ds_fixture";
    public static final String READER = "synapse_ds_reader";
    public static final String WRITER = "synapse_ds_writer";
    public static final String PASSWORD = "reader-secret-9f2c";
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
    /** guard_items rows; hostile statements must leave exactly these. */
    public static final int GUARD_ROWS = 5;

    private static boolean created;

    private UserDatabases() {
    }

    private static final List<String> TABLES = List.of(
            "CREATE TABLE guard_items (id integer PRIMARY KEY, name varchar(100) NOT NULL)",
            "INSERT INTO guard_items VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma'), (4, 'delta'), (5, 'epsilon')",
            "CREATE TABLE customers (id integer PRIMARY KEY, name varchar(100) NOT NULL, state char(2) NOT NULL, since date)",
            "INSERT INTO customers VALUES (1, 'Acme', 'PR', '2024-01-10'), (2, 'Borealis', 'SP', '2024-03-02'), (3, 'Cobalt', 'PR', '2025-06-30')",
            "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), amount decimal(12, 2) NOT NULL, "
                    + "ordered_on date NOT NULL)",
            "INSERT INTO orders VALUES (10, 1, 120.50, '2025-01-05'), (11, 1, 80.00, '2025-02-11'), (12, 2, 300.25, '2025-02-20'), "
                    + "(13, 3, 42.10, '2025-03-01')");

    public static synchronized void ensure() {
        if (created) {
            return;
        }
        try {
            postgres();
            mariadb();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the datasource test databases", e);
        }
        created = true;
    }

    private static void postgres() throws SQLException {
        try (Connection admin = DriverManager.getConnection(PG_URL + "postgres", "postgres", ""); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            for (String role : List.of(READER, WRITER)) {
                try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
                    }
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection db = DriverManager.getConnection(PG_URL + DATABASE, "postgres", ""); Statement s = db.createStatement()) {
            for (String sql : TABLES) {
                s.execute(sql);
            }
            s.execute("COMMENT ON TABLE customers IS 'Who buys from us'");
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + READER + ", " + WRITER);
            s.execute("GRANT USAGE ON SCHEMA public TO " + READER + ", " + WRITER);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER + ", " + WRITER);
            s.execute("GRANT INSERT, UPDATE, DELETE ON guard_items TO " + WRITER);
        }
    }

    private static void mariadb() throws SQLException {
        try (Connection admin = DriverManager.getConnection(MARIADB_URL, "root", ""); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
            s.execute("USE " + DATABASE);
            for (String sql : TABLES) {
                s.execute(sql);
            }
            s.execute("ALTER TABLE customers COMMENT = 'Who buys from us'");
            for (String host : List.of("localhost", "127.0.0.1", "%")) {
                for (String user : List.of(READER, WRITER)) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                    s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                    s.execute("GRANT SELECT ON " + DATABASE + ".* TO '" + user + "'@'" + host + "'");
                }
                s.execute("GRANT INSERT, UPDATE, DELETE ON " + DATABASE + ".guard_items TO '" + WRITER + "'@'" + host + "'");
            }
        }
    }

    /** Count and a checksum of guard_items, as the owner sees them: equal before and after means untouched. */
    public static String guardItems(boolean postgres) {
        String url = postgres ? PG_URL + DATABASE : MARIADB_URL + DATABASE;
        try (Connection c = DriverManager.getConnection(url, postgres ? "postgres" : "root", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(id), 0), coalesce(max(name), '') , coalesce(min(name), '') FROM guard_items")) {
            r.next();
            return r.getLong(1) + "/" + r.getLong(2) + "/" + r.getString(3) + "/" + r.getString(4);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as the database's owner (PostgreSQL: postgres; MariaDB: root). */
    public static void asOwner(boolean postgres, String... statements) {
        String url = postgres ? PG_URL + DATABASE : MARIADB_URL + DATABASE;
        try (Connection c = DriverManager.getConnection(url, postgres ? "postgres" : "root", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
