package io.synapse.chat;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A citation sent with an assistant or tool message. Ranges that only make sense against the
 * message (confidence 0..1, start <= end <= content length) are checked by the service and
 * answer 422, as the issue asks; shapes and sizes answer 400 here.
 */
public record CitationInput(@NotNull @PositiveOrZero Integer sourceIndex, @PositiveOrZero Integer inlineNumber,
        @Size(max = 500) String sourceName, @Size(max = 2048) String sourceUri, @PositiveOrZero Integer pageNumber,
        @Size(max = 10_000) String snippet, Double confidence, Integer textStartIndex, Integer textEndIndex) {
}
