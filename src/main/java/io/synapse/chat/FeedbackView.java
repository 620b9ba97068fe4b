package io.synapse.chat;

import java.time.Instant;
import java.util.UUID;

public record FeedbackView(UUID id, UUID messageId, UUID userId, Rating rating, String comment, Instant createdAt, Instant updatedAt) {

    public static FeedbackView of(Feedback f) {
        return f == null ? null : new FeedbackView(f.id, f.messageId, f.userId, f.rating, f.comment, f.createdAt, f.updatedAt);
    }
}
