package io.synapse.datasources.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jboss.logging.Logger;

import io.synapse.datasources.Engine;

/**
 * An executed statement whose rows are still to be read, inside its read-only transaction.
 * Closing it rolls the transaction back, always, and returns the connection to its pool.
 */
public final class OpenQuery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenQuery.class);

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final Engine engine;
    private final List<Column> columns;
    private final int[] types;
    private final long startNanos;

    OpenQuery(Connection connection, PreparedStatement statement, ResultSet rows, Engine engine, long startNanos) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.engine = engine;
        this.startNanos = startNanos;
        ResultSetMetaData meta = rows.getMetaData();
        List<Column> cols = new ArrayList<>();
        types = new int[meta.getColumnCount()];
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            cols.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
            int type = meta.getColumnType(i);
            // bit(n > 1) is a string of bits, not a boolean (pgjdbc reports both as BIT).
            types[i - 1] = type == Types.BIT && meta.getPrecision(i) > 1 ? Types.VARCHAR : type;
        }
        columns = List.copyOf(cols);
    }

    public List<Column> columns() {
        return columns;
    }

    public boolean next() throws SQLException {
        return rows.next();
    }

    /** The current row's values as JSON-friendly Java values: numbers, booleans, text (times ISO-8601, bytes base64). */
    public List<Object> row() throws SQLException {
        List<Object> values = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            values.add(value(i + 1, types[i]));
        }
        return values;
    }

    public int elapsedMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private Object value(int index, int type) throws SQLException {
        Object value = switch (type) {
            case Types.BIT, Types.BOOLEAN -> rows.getBoolean(index);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                Object n = rows.getObject(index);
                yield n instanceof Number number && !(n instanceof java.math.BigInteger) ? number.longValue() : n == null ? null : n.toString();
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                // PostgreSQL's numeric has NaN and +-Infinity, which BigDecimal has not: those stay text.
                String text = rows.getString(index);
                yield text == null ? null : text.equals("NaN") || text.endsWith("Infinity") ? text : (Object) new java.math.BigDecimal(text);
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double d = rows.getDouble(index);
                yield Double.isFinite(d) ? (Object) d : Double.toString(d);
            }
            case Types.DATE -> text(rows.getObject(index, java.time.LocalDate.class));
            case Types.TIMESTAMP -> text(rows.getObject(index, java.time.LocalDateTime.class));
            case Types.TIMESTAMP_WITH_TIMEZONE -> text(rows.getObject(index, java.time.OffsetDateTime.class));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rows.getBytes(index);
                yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
            }
            default -> rows.getString(index);
        };
        return rows.wasNull() ? null : value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            LOG.debugf("Closing a datasource result: %s", e.getMessage());
        }
        try {
            rollback(connection, engine);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("Returning a datasource connection: %s", e.getMessage());
            }
        }
    }

    /** Nothing a statement did is ever kept. A connection whose rollback fails is not reused. */
    static void rollback(Connection connection, Engine engine) {
        try {
            if (engine == Engine.POSTGRESQL) {
                connection.rollback();
            } else {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Rollback on a user database failed (%s); the connection is discarded", e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // closing below is all that is left
            }
        }
    }
}
