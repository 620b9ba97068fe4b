package io.synapse.datasources.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Functions and relations no statement may name, on either engine. Anything that sleeps, locks, reads
 * or writes files, opens connections, runs SQL given as text, changes settings or sequences, or
 * reads system catalogues and credentials. Prefix rules catch whole families (pg_*, lo_*).
 */
final class DenyList {

    private static final Set<String> POSTGRES_FUNCTIONS = Set.of("set_config", "current_setting", "nextval", "setval", "currval", "lastval",
            "txid_current", "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema",
            "table_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema", "schema_to_xml", "schema_to_xmlschema",
            "schema_to_xml_and_xmlschema", "database_to_xml", "database_to_xmlschema", "database_to_xml_and_xmlschema", "inet_server_addr",
            "inet_server_port", "inet_client_addr", "inet_client_port", "make_aclitem", "copy", "dblink", "ts_stat", "ts_rewrite",
            "binary_upgrade_set_next_pg_type_oid");
    // ts_stat and ts_rewrite run SQL given as text; has_*_privilege maps the login's privileges.
    private static final Set<String> POSTGRES_PREFIXES = Set.of("pg_", "lo_", "dblink", "binary_upgrade_", "brin_", "gin_clean", "txid_",
            "xact_", "snapshot_", "has_", "ts_stat", "ts_rewrite");
    private static final Set<String> MARIADB_FUNCTIONS = Set.of("sleep", "benchmark", "load_file", "get_lock", "release_lock",
            "release_all_locks", "is_free_lock", "is_used_lock", "master_pos_wait", "master_gtid_wait", "source_pos_wait", "sys_eval",
            "sys_exec", "sys_get", "sys_set", "wait_for_executed_gtid_set", "wait_until_sql_thread_after_gtids", "last_insert_id", "nextval",
            "setval", "lastval", "name_const", "extractvalue", "updatexml");
    private static final Set<String> MARIADB_PREFIXES = Set.of("lib_mysqludf", "sys_");
    /** Schemas (PostgreSQL) or databases (MariaDB) that hold catalogues, settings and credentials. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "pg_toast", "mysql", "performance_schema", "sys");

    private DenyList() {
    }

    /**
     * Why the function may not be called, or null. Both engines' lists apply to every statement:
     * a MySQL server that speaks some PostgreSQL, or a user-defined function named like a denied
     * one, costs a refusal, never a hole.
     */
    static String function(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (POSTGRES_FUNCTIONS.contains(n) || MARIADB_FUNCTIONS.contains(n)) {
            return n;
        }
        for (Set<String> prefixes : List.of(POSTGRES_PREFIXES, MARIADB_PREFIXES)) {
            for (String prefix : prefixes) {
                if (n.startsWith(prefix)) {
                    return n + " (" + prefix + "*)";
                }
            }
        }
        return null;
    }

    static boolean systemSchema(String schema) {
        return SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
    }

    /** PostgreSQL's catalogue relations are found on the search path without a schema: pg_user, pg_shadow, pg_stat_activity... */
    static boolean systemRelation(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.startsWith("pg_") || t.equals("information_schema");
    }
}
