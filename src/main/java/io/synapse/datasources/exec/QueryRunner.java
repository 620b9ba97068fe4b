package io.synapse.datasources.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.DatasourcesConfig;
import io.synapse.datasources.Engine;
import io.synapse.datasources.guard.GuardedStatement;

/**
 * Layer 2 of the guard: every statement runs in a READ ONLY transaction that is always rolled
 * back, under the server's own statement timeout (PostgreSQL statement_timeout, MariaDB
 * max_statement_time, MySQL max_execution_time, set for the session when the pool connects),
 * with the JDBC query timeout as a backstop and the driver's max rows as a second row cap. It
 * runs whatever it is given: the parser (layer 1) decides what that may be.
 */
@ApplicationScoped
public class QueryRunner {

    private static final int FETCH_SIZE = 1000;

    @Inject
    DatasourcePools pools;

    @Inject
    DatasourcesConfig config;

    /** Executes and returns the open result; failures before the first row are thrown, nothing is streamed yet. */
    public OpenQuery open(DatabaseConnection target, GuardedStatement statement, Map<String, Object> params, int maxRows) throws QueryFailure {
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = pools.borrow(target);
        } catch (SQLException e) {
            throw QueryFailure.of(e);
        }
        PreparedStatement prepared = null;
        try {
            begin(connection, target.engine);
            prepared = connection.prepareStatement(statement.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            prepared.setMaxRows(maxRows < Integer.MAX_VALUE ? maxRows + 1 : 0);
            prepared.setFetchSize(target.engine == Engine.POSTGRESQL ? FETCH_SIZE : Math.min(FETCH_SIZE, maxRows + 1));
            prepared.setQueryTimeout((int) Math.max(1, config.query().statementTimeout().toSeconds() + 5));
            bind(prepared, statement.parameters(), params);
            ResultSet rows = prepared.executeQuery();
            return new OpenQuery(connection, prepared, rows, target.engine, start);
        } catch (SQLException e) {
            QueryFailure failure = QueryFailure.of(e);
            close(prepared);
            OpenQuery.rollback(connection, target.engine);
            close(connection);
            throw failure;
        } catch (RuntimeException e) {
            close(prepared);
            OpenQuery.rollback(connection, target.engine);
            close(connection);
            throw e;
        }
    }

    /** Connects, reads the server version and runs the engine's check of what the login could write. */
    public ConnectionProbe probe(DatabaseConnection target) throws QueryFailure {
        try (Connection connection = pools.borrow(target)) {
            try {
                begin(connection, target.engine);
                String version = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
                List<String> privileges = WritePrivileges.of(connection, target);
                return new ConnectionProbe(version, privileges);
            } finally {
                OpenQuery.rollback(connection, target.engine);
            }
        } catch (SQLException e) {
            throw QueryFailure.of(e);
        }
    }

    public record ConnectionProbe(String serverVersion, List<String> writePrivileges) {
    }

    /** Runs the work on a connection in a read-only transaction that is rolled back after (introspection). */
    public <T> T readOnly(DatabaseConnection target, SqlWork<T> work) throws QueryFailure {
        try (Connection connection = pools.borrow(target)) {
            try {
                begin(connection, target.engine);
                return work.run(connection);
            } finally {
                OpenQuery.rollback(connection, target.engine);
            }
        } catch (SQLException e) {
            throw QueryFailure.of(e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private static void begin(Connection connection, Engine engine) throws SQLException {
        if (engine == Engine.POSTGRESQL) {
            // readOnlyMode=always: the driver opens the transaction with BEGIN READ ONLY.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
        } else {
            try (Statement s = connection.createStatement()) {
                s.execute("START TRANSACTION READ ONLY");
            }
        }
    }

    /** Binds each :name by its JSON type; a name without a value is an error the caller reports on "params". */
    static void bind(PreparedStatement statement, List<String> names, Map<String, Object> params) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (params == null || !params.containsKey(name)) {
                throw new MissingParameter(name);
            }
            Object value = params.get(name);
            int index = i + 1;
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case String s -> statement.setString(index, s);
                case Boolean b -> statement.setBoolean(index, b);
                case Integer n -> statement.setLong(index, n);
                case Long n -> statement.setLong(index, n);
                case BigInteger n -> statement.setBigDecimal(index, new BigDecimal(n));
                case BigDecimal n -> statement.setBigDecimal(index, n);
                case Double n -> statement.setDouble(index, n);
                case LocalDate d -> statement.setObject(index, d);
                case OffsetDateTime t -> statement.setObject(index, t);
                default -> throw new MissingParameter(name + " (a " + value.getClass().getSimpleName() + " cannot be bound)");
            }
        }
    }

    /** A :name the statement uses that params does not give. */
    public static final class MissingParameter extends RuntimeException {
        public MissingParameter(String name) {
            super(name, null, false, false);
        }
    }

    private static void close(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing; the original error is what matters
            }
        }
    }
}
