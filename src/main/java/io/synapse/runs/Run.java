package io.synapse.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One agent execution or model request (seed 004 runs, 002 run_logs, 003 query_analytics' LLM fields). */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID userId;

    public UUID conversationId;

    public UUID messageId;

    public String agentType;

    public String model;

    public RunStatus status = RunStatus.PENDING;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> input = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Object output;

    public String errorCode;

    public String errorMessage;

    public Integer promptTokens;

    public Integer completionTokens;

    public Integer totalTokens;

    public BigDecimal costEstimate;

    /** The API key that started the run, if one did: budgets and usage per key. */
    public UUID apiKeyId;

    /** The admin-issued token the run was made with (budgets of scope issued_token). */
    public UUID issuedTokenId;

    /** What the run was allowed to spend when it started (budgets); its real figures replace them once known. */
    public Integer tokensReserved;

    public BigDecimal costReserved;

    public Integer latencyMs;

    public Instant startedAt;

    public Instant completedAt;

    public Instant createdAt;

    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    /** With a row lock until commit: two updates of one run must not both pass the transition check. */
    public static Run findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = now();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
