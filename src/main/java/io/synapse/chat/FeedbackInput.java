package io.synapse.chat;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record FeedbackInput(@NotNull Rating rating, @Size(max = 5_000) String comment) {
}
