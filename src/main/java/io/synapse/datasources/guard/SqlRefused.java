package io.synapse.datasources.guard;

/**
 * The guard refused a statement before it reached the database. reason is a stable code
 * (multiple_statements, not_a_query, denied_function, ...), the message says what was found.
 */
public class SqlRefused extends RuntimeException {

    private final String reason;

    public SqlRefused(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
