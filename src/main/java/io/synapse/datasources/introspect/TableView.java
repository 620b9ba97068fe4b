package io.synapse.datasources.introspect;

import java.util.List;
import java.util.Map;

/** A table of the catalogue as clients see it. */
public record TableView(String schema, String name, String type, List<Map<String, Object>> columns, List<String> primaryKey,
        List<Map<String, Object>> foreignKeys, Long rowEstimate, Long tableSize, String comment) {

    public static TableView of(DatabaseSchema t) {
        return new TableView(t.schemaName, t.tableName, t.tableType, t.columns, t.primaryKey, t.foreignKeys, t.rowEstimate, t.tableSize, t.comment);
    }
}
