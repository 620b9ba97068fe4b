package io.synapse.telemetry.ingest;

import java.sql.SQLException;

/**
 * The two insert failures a writer recovers from: a day without a partition (SQLSTATE 23514, "no
 * partition of relation ... found for row") and a batch holding events already stored (23505: a
 * retry, answered by inserting again with ON CONFLICT DO NOTHING).
 */
class MissingPartition extends RuntimeException {

    MissingPartition(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    static final class AlreadyStored extends RuntimeException {
        AlreadyStored(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static RuntimeException orRethrow(SQLException e) {
        if ("23514".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("no partition")) {
            return new MissingPartition(e);
        }
        if ("23505".equals(e.getSQLState())) {
            return new AlreadyStored(e);
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}
