package io.synapse.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record RunView(UUID id, UUID userId, UUID conversationId, UUID messageId, String agentType, String model, RunStatus status,
        Map<String, Object> input, Object output, String errorCode, String errorMessage, Integer promptTokens, Integer completionTokens,
        Integer totalTokens, BigDecimal costEstimate, Integer latencyMs, Instant startedAt, Instant completedAt, Instant createdAt,
        Instant updatedAt, Map<String, Object> metadata) {

    public static RunView of(Run r) {
        return new RunView(r.id, r.userId, r.conversationId, r.messageId, r.agentType, r.model, r.status, r.input, r.output, r.errorCode,
                r.errorMessage, r.promptTokens, r.completionTokens, r.totalTokens, r.costEstimate, r.latencyMs, r.startedAt, r.completedAt,
                r.createdAt, r.updatedAt, r.metadata);
    }
}
