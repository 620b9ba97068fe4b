package io.synapse.datasources.introspect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One table or view of a connection's introspected catalogue, at one refresh (seed 003 database_schemas). */
@Entity
@Table(name = "database_schemas")
public class DatabaseSchema extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID connectionId;

    public Instant refreshedAt;

    public String schemaName;

    public String tableName;

    /** table | view | materialized_view | foreign_table | partitioned_table */
    public String tableType;

    /** [{name, type, nullable, comment}] in column order. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> columns = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> primaryKey = new ArrayList<>();

    /** [{columns, references_schema, references_table, references_columns}] */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> foreignKeys = new ArrayList<>();

    public Long rowEstimate;

    public Long tableSize;

    public String comment;
}
