package io.synapse.common.paging;

import io.synapse.common.error.ProblemException;

/**
 * limit and cursor of a list request. Both arrive as raw strings so that {@code ?limit=abc}
 * answers 400 instead of the 404 JAX-RS gives an unconvertible query parameter.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(String limit, String cursor) {
        int parsed = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                parsed = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("limit", "must be a whole number");
            }
            if (parsed < 1 || parsed > MAX_LIMIT) {
                throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        return new PageRequest(parsed, cursor == null || cursor.isBlank() ? null : cursor);
    }

    /** Rows to fetch: one more than asked, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
