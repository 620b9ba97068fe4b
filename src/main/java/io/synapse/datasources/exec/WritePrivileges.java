package io.synapse.datasources.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.Engine;

/**
 * Layer 3 of the guard, checked at "test": anything the login itself could write or administer.
 * The README recommends a role with SELECT only; a login that can do more is flagged "writable"
 * and refused for queries unless an admin allows it.
 */
final class WritePrivileges {

    private static final int LIMIT = 50;

    private static final String POSTGRES = """
            SELECT 'role: ' || a.attr FROM pg_roles r
              CROSS JOIN LATERAL (VALUES ('superuser', r.rolsuper), ('createrole', r.rolcreaterole), ('createdb', r.rolcreatedb),
                                         ('replication', r.rolreplication), ('bypassrls', r.rolbypassrls)) AS a(attr, granted)
             WHERE r.rolname = current_user AND a.granted
            UNION ALL
            SELECT 'database: owner' FROM pg_database d WHERE d.datname = current_database() AND pg_get_userbyid(d.datdba) = current_user
            UNION ALL
            SELECT 'database: CREATE' WHERE has_database_privilege(current_database(), 'CREATE')
            UNION ALL
            SELECT 'schema ' || quote_ident(n.nspname) || ': CREATE' FROM pg_namespace n
             WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND has_schema_privilege(n.oid, 'CREATE')
            UNION ALL
            (SELECT 'table ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ': '
                    || coalesce(nullif(array_to_string(ARRAY(SELECT p FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
                                                            WHERE has_table_privilege(c.oid, p)), ', '), ''), 'column INSERT/UPDATE')
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                     OR has_table_privilege(c.oid, 'TRUNCATE') OR has_any_column_privilege(c.oid, 'INSERT')
                     OR has_any_column_privilege(c.oid, 'UPDATE'))
              ORDER BY 1 LIMIT 50)
            """;

    private static final String READ_ONLY_GRANTS = "('USAGE', 'SELECT', 'SHOW VIEW', 'SHOW DATABASES', 'PROCESS', 'REPLICATION CLIENT', "
            + "'BINLOG MONITOR', 'SLAVE MONITOR', 'REPLICA MONITOR')";
    /** The login itself, the roles it has enabled (MariaDB names a role's grantee 'role'), and PUBLIC. */
    private static final String GRANTEES = "(GRANTEE = @me OR GRANTEE = 'PUBLIC' OR GRANTEE = '''PUBLIC''' "
            + "OR GRANTEE IN (SELECT CONCAT('''', ROLE_NAME, '''') FROM information_schema.ENABLED_ROLES))";
    private static final String MARIADB = """
            SELECT CONCAT('global: ', PRIVILEGE_TYPE) FROM information_schema.USER_PRIVILEGES WHERE %2$s AND PRIVILEGE_TYPE NOT IN %1$s
            UNION ALL
            SELECT CONCAT('database ', TABLE_SCHEMA, ': ', PRIVILEGE_TYPE) FROM information_schema.SCHEMA_PRIVILEGES
             WHERE %2$s AND PRIVILEGE_TYPE NOT IN %1$s
            UNION ALL
            SELECT CONCAT('table ', TABLE_SCHEMA, '.', TABLE_NAME, ': ', PRIVILEGE_TYPE) FROM information_schema.TABLE_PRIVILEGES
             WHERE %2$s AND PRIVILEGE_TYPE NOT IN %1$s
            UNION ALL
            SELECT CONCAT('column ', TABLE_SCHEMA, '.', TABLE_NAME, '.', COLUMN_NAME, ': ', PRIVILEGE_TYPE) FROM information_schema.COLUMN_PRIVILEGES
             WHERE %2$s AND PRIVILEGE_TYPE NOT IN %1$s
            LIMIT 50
            """.formatted(READ_ONLY_GRANTS, GRANTEES);

    private WritePrivileges() {
    }

    static List<String> of(Connection connection, DatabaseConnection target) throws SQLException {
        List<String> found = new ArrayList<>();
        if (target.engine == Engine.POSTGRESQL) {
            read(connection, POSTGRES, found);
        } else {
            // information_schema names grantees as 'user'@'host'; CURRENT_USER() gives user@host.
            try (PreparedStatement me = connection.prepareStatement("SET @me = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
                    + "SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')")) {
                me.execute();
            }
            read(connection, MARIADB, found);
        }
        return found.size() > LIMIT ? List.copyOf(found.subList(0, LIMIT)) : List.copyOf(found);
    }

    private static void read(Connection connection, String sql, List<String> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                into.add(rows.getString(1));
            }
        }
    }
}
