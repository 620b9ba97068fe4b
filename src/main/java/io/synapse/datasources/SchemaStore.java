package io.synapse.datasources;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.synapse.datasources.introspect.DatabaseSchema;

/** Stores an introspected catalogue as the connection's current version and prunes the oldest ones. */
final class SchemaStore {

    private SchemaStore() {
    }

    @SuppressWarnings("unchecked")
    static void replace(DatabaseConnection connection, List<Map<String, Object>> tables, Instant refreshedAt, int versionsKept) {
        for (Map<String, Object> t : tables) {
            DatabaseSchema row = new DatabaseSchema();
            row.connectionId = connection.id;
            row.refreshedAt = refreshedAt;
            row.schemaName = (String) t.get("schema");
            row.tableName = (String) t.get("name");
            row.tableType = (String) t.get("type");
            row.columns = (List<Map<String, Object>>) t.get("columns");
            row.primaryKey = (List<String>) t.get("primary_key");
            row.foreignKeys = (List<Map<String, Object>>) t.get("foreign_keys");
            row.rowEstimate = (Long) t.get("row_estimate");
            row.tableSize = (Long) t.get("table_size");
            row.comment = (String) t.get("comment");
            row.persist();
        }
        connection.schemaRefreshedAt = refreshedAt;
        // Keep the newest versionsKept refreshes (this one included): a client paging through the
        // previous version while this one lands still finds it.
        List<Instant> versions = DatabaseSchema.getEntityManager()
                .createQuery("select distinct s.refreshedAt from DatabaseSchema s where s.connectionId = :c order by s.refreshedAt desc", Instant.class)
                .setParameter("c", connection.id).getResultList();
        if (versions.size() > versionsKept) {
            DatabaseSchema.delete("connectionId = ?1 and refreshedAt <= ?2", connection.id, versions.get(versionsKept));
        }
    }
}
