package io.synapse.datasources.exec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.Engine;

/** JDBC URLs and driver properties for a registered database; credentials go separately, never in the URL. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /** host: the connection's name, or the address it was checked to resolve to. */
    static String of(DatabaseConnection c, String connectTo) {
        String host = connectTo.contains(":") && !connectTo.startsWith("[") ? "[" + connectTo + "]" : connectTo;
        String database = URLEncoder.encode(c.databaseName, StandardCharsets.UTF_8);
        return (c.engine == Engine.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://") + host + ":" + c.port + "/" + database;
    }

    static Map<String, String> properties(DatabaseConnection c, Duration connectTimeout, Duration statementTimeout) {
        Map<String, String> p = new LinkedHashMap<>();
        long seconds = Math.max(1, connectTimeout.toSeconds());
        if (c.engine == Engine.POSTGRESQL) {
            p.put("sslmode", c.sslMode);
            p.put("connectTimeout", Long.toString(seconds));
            p.put("ApplicationName", "synapse-datasources");
            // Strings bind as untyped literals, so :param compares with any column type the way a literal would.
            p.put("stringtype", "unspecified");
            // Every session starts read-only with standard strings: the backslash means what the guard's parser took it to mean.
            // Also a statement timeout, and no transaction left open by a client that vanished.
            long ms = Math.max(1, statementTimeout.toMillis());
            p.put("options", "-c default_transaction_read_only=on -c standard_conforming_strings=on -c statement_timeout=" + ms
                    + " -c idle_in_transaction_session_timeout=" + Math.max(60_000, ms * 2));
            p.put("readOnly", "true");
            p.put("readOnlyMode", "always");
        } else {
            p.put("sslMode", io.synapse.datasources.SslModes.mariadb(c.sslMode));
            p.put("connectTimeout", Long.toString(seconds * 1000));
            p.put("allowMultiQueries", "false");
            p.put("allowLocalInfile", "false");
        }
        return p;
    }

    /**
     * Run once on every new MariaDB/MySQL connection: read-only sessions, a statement timeout, and
     * a backslash in a string is an ordinary character, as the guard's parser read it.
     */
    static String initialSql(DatabaseConnection c, Duration statementTimeout) {
        String timeout = c.engine == Engine.MYSQL ? "SESSION max_execution_time = " + Math.max(1, statementTimeout.toMillis())
                : "SESSION max_statement_time = " + Math.max(0.001, statementTimeout.toMillis() / 1000.0);
        // MariaDB before 11.1 names it tx_read_only (an alias since); MySQL 8 only knows transaction_read_only.
        String readOnly = c.engine == Engine.MYSQL ? "SESSION transaction_read_only = 1" : "SESSION tx_read_only = 1";
        return c.engine == Engine.POSTGRESQL ? null
                : "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES'), " + readOnly + ", " + timeout;
    }
}
