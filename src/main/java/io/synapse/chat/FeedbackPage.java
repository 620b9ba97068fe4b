package io.synapse.chat;

import java.util.List;

/** A page of feedback plus the counts over every row the filters match (not just this page). */
public record FeedbackPage(List<FeedbackView> items, String nextCursor, Counts counts) {

    public record Counts(long thumbsUp, long thumbsDown, long total) {
    }
}
