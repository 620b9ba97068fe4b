package io.synapse.chat;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record FeedbackInput(@NotNull @Schema(example = "thumbs_up") Rating rating, @Size(max = 5_000) @Schema(example = "Right figures, clear answer") String comment) {
}
