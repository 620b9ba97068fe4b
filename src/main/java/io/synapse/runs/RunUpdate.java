package io.synapse.runs;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A status change and/or the figures a run reports. Absent (null) fields stay as they are.
 * total_tokens defaults to prompt + completion; latency_ms to the time since started_at.
 */
public record RunUpdate(RunStatus status, Object output, @Size(max = 100) String errorCode, @Size(max = 10_000) String errorMessage,
        @PositiveOrZero Integer promptTokens, @PositiveOrZero Integer completionTokens, @PositiveOrZero Integer totalTokens,
        @DecimalMin("0") @Digits(integer = 8, fraction = 6) BigDecimal costEstimate, @PositiveOrZero Integer latencyMs,
        @Size(max = 50) Map<String, Object> metadata) {

    public static RunUpdate status(RunStatus status) {
        return new RunUpdate(status, null, null, null, null, null, null, null, null, null);
    }
}
