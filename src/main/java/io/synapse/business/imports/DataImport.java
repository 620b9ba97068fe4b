package io.synapse.business.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One attempt to load a file, whatever became of it. */
@Entity
@Table(name = "data_imports")
public class DataImport extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;

    public String mode;

    public String status;

    public String fileName;

    public String sha256;

    public Long bytes;

    public Integer rowsTotal;

    public Integer rowsLoaded;

    public Integer rowsRejected;

    public Integer clientsCreated;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<ImportProblem> problems;

    public String errorMessage;

    public UUID userId;

    public Instant startedAt;

    public Instant finishedAt;

    public Integer durationMs;
}
